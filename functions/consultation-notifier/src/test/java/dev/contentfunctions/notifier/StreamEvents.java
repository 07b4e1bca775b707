package dev.contentfunctions.notifier;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.contentfunctions.localaws.DynamoDbStreamEvents;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * DynamoDB stream records turned into the event Lambda hands a function, by local-aws's {@link
 * DynamoDbStreamEvents} (the same conversion the local run's stream poller uses), and the
 * consultations table's INSERT records these tests feed it.
 */
final class StreamEvents {
  private static final String STREAM_ARN =
      "arn:aws:dynamodb:us-east-1:123456789012:table/consultations/stream/2026-01-15T00:00:00.000";

  private StreamEvents() {}

  /** One INSERT record per item, in order, with increasing sequence numbers. */
  static DynamodbEvent inserts(List<Map<String, AttributeValue>> items) {
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, AttributeValue> item = items.get(i);
      String sequenceNumber = sequenceNumber(i);
      records.add(
          Record.builder()
              .eventID("event-" + sequenceNumber)
              .eventName(OperationType.INSERT)
              .eventVersion("1.1")
              .eventSource("aws:dynamodb")
              .awsRegion("us-east-1")
              .dynamodb(
                  change ->
                      change
                          .approximateCreationDateTime(Instant.parse("2026-01-15T09:30:13Z"))
                          .keys(
                              Map.of(
                                  ConsultationMapper.PK, item.get(ConsultationMapper.PK),
                                  ConsultationMapper.SK, item.get(ConsultationMapper.SK)))
                          .newImage(item)
                          .sequenceNumber(sequenceNumber)
                          .sizeBytes(500L)
                          .streamViewType(StreamViewType.NEW_IMAGE))
              .build());
    }
    return DynamoDbStreamEvents.of(records, STREAM_ARN);
  }

  /** The sequence number {@link #inserts} gives the item at {@code index}. */
  static String sequenceNumber(int index) {
    return Long.toString(100_000_000_000_000_000L + index);
  }
}
