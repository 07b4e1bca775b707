package dev.contentfunctions.kit.events;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One record of a DynamoDB stream event, its images as the SDK's {@link AttributeValue}s so that
 * the table's own mapper reads them as it reads a GetItem's answer.
 *
 * @param eventName INSERT, MODIFY or REMOVE
 * @param sequenceNumber what a partial batch response names to have Lambda retry from here
 * @param newImage empty for a REMOVE, or when the stream view type leaves it out
 */
public record StreamChange(
    String eventName,
    String sequenceNumber,
    Map<String, AttributeValue> keys,
    Map<String, AttributeValue> newImage) {

  public static final String INSERT = "INSERT";

  /**
   * The records of a stream event. A record that cannot be read is a {@link RecordBatch.Unreadable}
   * (with its sequence number when that much could be read); an event that is not JSON, or whose
   * {@code Records} is not an array, is a {@link MalformedEventException}.
   */
  public static RecordBatch<StreamChange> read(InputStream json) throws IOException {
    List<Object> records = EventJson.array(EventJson.read(json, "DynamoDB stream"), "Records", "");
    List<RecordBatch.Entry<StreamChange>> entries = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      entries.add(entry(records.get(i), i));
    }
    return new RecordBatch<>(entries);
  }

  private static RecordBatch.Entry<StreamChange> entry(Object record, int index) {
    if (!(record instanceof Map<?, ?>)) {
      return new RecordBatch.Unreadable<>(index, null, "the record is not an object");
    }
    Map<String, Object> fields = EventJson.cast(record);
    String sequenceNumber = null;
    try {
      Map<String, Object> change = EventJson.object(fields, "dynamodb", "");
      sequenceNumber = EventJson.text(change, "SequenceNumber", "dynamodb.");
      String eventName = EventJson.text(fields, "eventName", "");
      if (eventName == null || sequenceNumber == null) {
        return new RecordBatch.Unreadable<>(index, sequenceNumber, "the record has no eventName or SequenceNumber");
      }
      return new RecordBatch.Readable<>(
          new StreamChange(
              eventName,
              sequenceNumber,
              image(EventJson.object(change, "Keys", "dynamodb."), "dynamodb.Keys."),
              image(EventJson.object(change, "NewImage", "dynamodb."), "dynamodb.NewImage.")));
    } catch (MalformedEventException e) {
      return new RecordBatch.Unreadable<>(index, sequenceNumber, e.getMessage());
    }
  }

  private static Map<String, AttributeValue> image(Map<String, Object> item, String path) {
    Map<String, AttributeValue> image = new LinkedHashMap<>();
    item.forEach((name, value) -> image.put(name, attribute(value, path + name)));
    return Map.copyOf(image);
  }

  /** DynamoDB's JSON: one member naming the type ({"S": "text"}, {"N": "12"}, {"L": [...]}...). */
  private static AttributeValue attribute(Object json, String path) {
    if (!(json instanceof Map<?, ?> typed) || typed.size() != 1) {
      throw new MalformedEventException("The event's '" + path + "' is not a DynamoDB attribute value.");
    }
    Map<String, Object> value = EventJson.cast(typed);
    String type = value.keySet().iterator().next();
    Object content = value.get(type);
    try {
      return switch (type) {
        case "S" -> AttributeValue.fromS(string(content, path));
        case "N" -> AttributeValue.fromN(number(content, path));
        case "B" -> AttributeValue.fromB(bytes(content, path));
        case "BOOL" -> AttributeValue.fromBool(bool(content, path));
        case "NULL" -> AttributeValue.fromNul(Boolean.TRUE);
        case "SS" -> AttributeValue.fromSs(list(content, path).stream().map(s -> string(s, path)).toList());
        case "NS" -> AttributeValue.fromNs(list(content, path).stream().map(n -> number(n, path)).toList());
        case "BS" -> AttributeValue.fromBs(list(content, path).stream().map(b -> bytes(b, path)).toList());
        case "L" -> AttributeValue.fromL(list(content, path).stream().map(v -> attribute(v, path + "[]")).toList());
        case "M" -> {
          if (!(content instanceof Map<?, ?> map)) {
            throw EventJson.wrongType(path, "a map of attribute values");
          }
          yield AttributeValue.fromM(image(EventJson.cast(map), path + "."));
        }
        default -> throw new MalformedEventException("The event's '" + path + "' has an unknown type " + type + ".");
      };
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("The event's '" + path + "' is not a readable " + type + " value.");
    }
  }

  private static String string(Object content, String path) {
    if (content instanceof String text) {
      return text;
    }
    throw EventJson.wrongType(path, "a string");
  }

  /** DynamoDB numbers travel as text; one that is not a decimal number is refused here. */
  private static String number(Object content, String path) {
    String text = string(content, path);
    new BigDecimal(text);
    return text;
  }

  private static SdkBytes bytes(Object content, String path) {
    return SdkBytes.fromByteArray(Base64.getDecoder().decode(string(content, path)));
  }

  private static boolean bool(Object content, String path) {
    if (content instanceof Boolean value) {
      return value;
    }
    throw EventJson.wrongType(path, "true or false");
  }

  private static List<Object> list(Object content, String path) {
    if (content instanceof List<?> list) {
      return EventJson.cast(list);
    }
    throw EventJson.wrongType(path, "an array");
  }
}
