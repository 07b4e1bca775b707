package dev.contentfunctions.kit.aws;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conversions between DynamoDB attribute values and Java values that every table's mapper uses.
 * Attribute names stay in each table's mapper.
 */
public final class Attributes {
  private Attributes() {}

  /** A primary key of the shape every table here uses: partition key "pk", sort key "sk". */
  public static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put("pk", text(pk));
    key.put("sk", text(sk));
    return key;
  }

  public static AttributeValue text(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue number(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static AttributeValue texts(List<String> values) {
    return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
  }

  /** Sets {@code name} only when {@code value} is not null: DynamoDB has no use for empty attributes. */
  public static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, text(value));
    }
  }

  /** The text attribute {@code name}, or null when absent. */
  public static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }

  /** The list-of-text attribute {@code name}; empty when absent. */
  public static List<String> texts(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
  }

  /** The number attribute {@code name}; 0 when absent. */
  public static long number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? 0 : Long.parseLong(value.n());
  }

  /** The boolean attribute {@code name}; false when absent. */
  public static boolean bool(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value != null && Boolean.TRUE.equals(value.bool());
  }
}
