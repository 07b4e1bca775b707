package dev.contentfunctions.notifier;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.shared.consultations.ConsultationMapper;
import dev.contentfunctions.localaws.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * DynamoDB stream records turned into the event Lambda hands a function: the records as GetRecords
 * returns them, each with the stream's ARN added, as JSON, read by Lambda's own deserialiser
 * (aws-lambda-java-serialization, which {@code @Event} uses for the sample events too; it comes
 * with aws-lambda-java-tests).
 */
final class StreamEvents {
  private static final String STREAM_ARN =
      "arn:aws:dynamodb:us-east-1:123456789012:table/consultations/stream/2026-01-15T00:00:00.000";

  private StreamEvents() {}

  static DynamodbEvent of(List<Record> records, String streamArn) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    ArrayNode array = event.putArray("Records");
    for (Record record : records) {
      ObjectNode json = array.addObject();
      json.put("eventID", record.eventID());
      json.put("eventName", record.eventNameAsString());
      json.put("eventVersion", record.eventVersion());
      json.put("eventSource", record.eventSource());
      json.put("awsRegion", record.awsRegion());
      ObjectNode dynamodb = json.putObject("dynamodb");
      // Whole seconds, as AWS sends them; moto's GetRecords adds a fraction.
      dynamodb.put(
          "ApproximateCreationDateTime",
          record.dynamodb().approximateCreationDateTime().getEpochSecond());
      dynamodb.set("Keys", image(record.dynamodb().keys()));
      if (record.dynamodb().hasNewImage()) {
        dynamodb.set("NewImage", image(record.dynamodb().newImage()));
      }
      dynamodb.put("SequenceNumber", record.dynamodb().sequenceNumber());
      dynamodb.put("SizeBytes", record.dynamodb().sizeBytes());
      dynamodb.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
      json.put("eventSourceARN", streamArn);
    }
    return LambdaEventSerializers.serializerFor(
            DynamodbEvent.class, StreamEvents.class.getClassLoader())
        .fromJson(event.toString());
  }

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
    return of(records, STREAM_ARN);
  }

  /** The sequence number {@link #inserts} gives the item at {@code index}. */
  static String sequenceNumber(int index) {
    return Long.toString(100_000_000_000_000_000L + index);
  }

  private static ObjectNode image(Map<String, AttributeValue> image) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    image.forEach((name, value) -> json.set(name, value(value)));
    return json;
  }

  /** The types the consultations table holds, in the JSON form Lambda sends them. */
  private static ObjectNode value(AttributeValue value) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    switch (value.type()) {
      case S -> json.put("S", value.s());
      case N -> json.put("N", value.n());
      case BOOL -> json.put("BOOL", value.bool());
      case NUL -> json.put("NULL", true);
      case L -> {
        ArrayNode list = json.putArray("L");
        value.l().forEach(element -> list.add(value(element)));
      }
      case M -> json.set("M", image(value.m()));
      default ->
          throw new IllegalArgumentException(
              "Not a type of the consultations table: " + value.type());
    }
    return json;
  }
}
