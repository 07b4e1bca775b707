package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What Lambda hands a function for a batch of a table's stream records: each record as JSON, the
 * shape GetRecords has on the wire plus the stream's ARN, read into {@link DynamodbEvent} by
 * Lambda's own serializer (aws-lambda-java-serialization, which the local run also reads S3 events
 * with). The JSON form is also what an event source mapping's filter patterns are matched against.
 * Used by the local run's stream poller and by the function tests.
 */
public final class DynamoDbStreamEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PojoSerializer<DynamodbEvent> EVENTS =
      LambdaEventSerializers.serializerFor(
          DynamodbEvent.class, DynamoDbStreamEvents.class.getClassLoader());

  private DynamoDbStreamEvents() {}

  /** One record, as Lambda puts it in the event's {@code Records}. */
  public static ObjectNode toJson(Record record, String streamArn) {
    ObjectNode json = JSON.createObjectNode();
    json.put("eventID", record.eventID());
    json.put("eventName", record.eventNameAsString());
    json.put("eventVersion", record.eventVersion());
    json.put("eventSource", record.eventSource());
    json.put("awsRegion", record.awsRegion());
    ObjectNode change = json.putObject("dynamodb");
    // Whole seconds, as AWS sends them; moto's GetRecords adds a fraction.
    change.put(
        "ApproximateCreationDateTime",
        record.dynamodb().approximateCreationDateTime().getEpochSecond());
    change.set("Keys", image(record.dynamodb().keys()));
    if (record.dynamodb().hasNewImage()) {
      change.set("NewImage", image(record.dynamodb().newImage()));
    }
    if (record.dynamodb().hasOldImage()) {
      change.set("OldImage", image(record.dynamodb().oldImage()));
    }
    change.put("SequenceNumber", record.dynamodb().sequenceNumber());
    change.put("SizeBytes", record.dynamodb().sizeBytes());
    change.put("StreamViewType", record.dynamodb().streamViewTypeAsString());
    json.put("eventSourceARN", streamArn);
    return json;
  }

  /** The event of a batch of records from {@link #toJson}. */
  public static DynamodbEvent event(List<ObjectNode> records) {
    ObjectNode event = JSON.createObjectNode();
    event.putArray("Records").addAll(records);
    return EVENTS.fromJson(event.toString());
  }

  /** The event of a batch of records, all from the stream {@code streamArn}. */
  public static DynamodbEvent of(List<Record> records, String streamArn) {
    return event(records.stream().map(record -> toJson(record, streamArn)).toList());
  }

  private static ObjectNode image(Map<String, AttributeValue> image) {
    ObjectNode json = JSON.createObjectNode();
    image.forEach((name, value) -> json.set(name, value(value)));
    return json;
  }

  /** DynamoDB's JSON form of a value: its type as the key, binary data in base64. */
  private static ObjectNode value(AttributeValue value) {
    ObjectNode json = JSON.createObjectNode();
    switch (value.type()) {
      case S -> json.put("S", value.s());
      case N -> json.put("N", value.n());
      case B -> json.put("B", base64(value.b()));
      case SS -> value.ss().forEach(json.putArray("SS")::add);
      case NS -> value.ns().forEach(json.putArray("NS")::add);
      case BS -> {
        ArrayNode array = json.putArray("BS");
        value.bs().forEach(bytes -> array.add(base64(bytes)));
      }
      case M -> json.set("M", image(value.m()));
      case L -> {
        ArrayNode array = json.putArray("L");
        value.l().forEach(element -> array.add(value(element)));
      }
      case BOOL -> json.put("BOOL", value.bool());
      case NUL -> json.put("NULL", true);
      default -> throw new IllegalArgumentException("Unknown DynamoDB type: " + value.type());
    }
    return json;
  }

  private static String base64(SdkBytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.asByteArray());
  }
}
