package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbStreamEventsTest {
  private static final String STREAM =
      "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-15T00:00:00.000";

  @Test
  void recordBecomesTheEventLambdaHandsTheFunction() {
    Map<String, AttributeValue> image =
        Map.of(
            "pk", AttributeValue.fromS("REQ#1"),
            "count", AttributeValue.fromN("3"),
            "blob", AttributeValue.fromB(SdkBytes.fromUtf8String("hi")),
            "tags", AttributeValue.fromSs(List.of("a", "b")),
            "times", AttributeValue.fromL(List.of(AttributeValue.fromS("Monday"))),
            "nested", AttributeValue.fromM(Map.of("ok", AttributeValue.fromBool(true))),
            "nothing", AttributeValue.fromNul(true));
    Record record =
        Record.builder()
            .eventID("e1")
            .eventName(OperationType.INSERT)
            .eventVersion("1.1")
            .eventSource("aws:dynamodb")
            .awsRegion("us-east-1")
            .dynamodb(
                change ->
                    change
                        .approximateCreationDateTime(Instant.parse("2026-01-15T09:30:13.456Z"))
                        .keys(Map.of("pk", AttributeValue.fromS("REQ#1")))
                        .newImage(image)
                        .sequenceNumber("1100000000017454423009")
                        .sizeBytes(120L)
                        .streamViewType(StreamViewType.NEW_IMAGE))
            .build();

    DynamodbEvent event =
        DynamoDbStreamEvents.event(List.of(DynamoDbStreamEvents.toJson(record, STREAM)));

    DynamodbEvent.DynamodbStreamRecord converted = event.getRecords().get(0);
    assertThat(converted.getEventName()).isEqualTo("INSERT");
    assertThat(converted.getEventID()).isEqualTo("e1");
    assertThat(converted.getEventSourceARN()).isEqualTo(STREAM);
    StreamRecord change = converted.getDynamodb();
    assertThat(change.getSequenceNumber()).isEqualTo("1100000000017454423009");
    assertThat(change.getSizeBytes()).isEqualTo(120L);
    assertThat(change.getStreamViewType()).isEqualTo("NEW_IMAGE");
    assertThat(change.getApproximateCreationDateTime().toInstant())
        .isEqualTo(Instant.parse("2026-01-15T09:30:13Z"));
    assertThat(change.getKeys().get("pk").getS()).isEqualTo("REQ#1");
    var newImage = change.getNewImage();
    assertThat(newImage.get("count").getN()).isEqualTo("3");
    assertThat(StandardCharsets.UTF_8.decode(newImage.get("blob").getB()).toString())
        .isEqualTo("hi");
    assertThat(newImage.get("tags").getSS()).containsExactly("a", "b");
    assertThat(newImage.get("times").getL().get(0).getS()).isEqualTo("Monday");
    assertThat(newImage.get("nested").getM().get("ok").getBOOL()).isTrue();
    assertThat(newImage.get("nothing").getNULL()).isTrue();
    assertThat(change.getOldImage()).isNull();
  }
}
