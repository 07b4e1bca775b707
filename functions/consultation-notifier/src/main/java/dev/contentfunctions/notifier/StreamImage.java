package dev.contentfunctions.notifier;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stream record's image or keys as the SDK's attribute values, so that the table's one mapper
 * ({@code ConsultationMapper}) reads them as it reads items.
 *
 * <p>aws-lambda-java-events models the event with an {@code AttributeValue} type of its own. Only
 * the types the consultations table holds are converted (the mapper writes S, N, BOOL and L; M and
 * NULL cost nothing to support); any other type fails loudly rather than being read as missing.
 * These few lines replace aws-lambda-java-events-sdk-transformer, one more artifact whose version
 * the parent POM would have to manage.
 */
final class StreamImage {
  private StreamImage() {}

  static Map<String, AttributeValue> toSdk(
      Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
          image) {
    Map<String, AttributeValue> converted = new LinkedHashMap<>();
    image.forEach((name, value) -> converted.put(name, toSdk(value)));
    return converted;
  }

  /** One value: exactly one of its fields is set, the others are null. */
  private static AttributeValue toSdk(
      com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
    if (value.getS() != null) {
      return AttributeValue.fromS(value.getS());
    }
    if (value.getN() != null) {
      return AttributeValue.fromN(value.getN());
    }
    if (value.getBOOL() != null) {
      return AttributeValue.fromBool(value.getBOOL());
    }
    if (Boolean.TRUE.equals(value.getNULL())) {
      return AttributeValue.fromNul(true);
    }
    if (value.getL() != null) {
      return AttributeValue.fromL(value.getL().stream().map(StreamImage::toSdk).toList());
    }
    if (value.getM() != null) {
      return AttributeValue.fromM(toSdk(value.getM()));
    }
    // No value in the message: it may be personal data, and the message may be logged.
    throw new IllegalArgumentException(
        "Unsupported attribute type in a stream image: only S, N, BOOL, NULL, L and M are read");
  }
}
