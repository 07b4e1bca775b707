package dev.contentfunctions.kit.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.contentfunctions.kit.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an event into plain values with jackson-core's streaming parser, and the typed accessors
 * the decoders use on them. An event comes from Lambda, but its contents (headers, bodies, object
 * keys) come from strangers: size and nesting are bounded, and every type is checked, never
 * coerced. Events are small (Lambda caps them at 6 MB), so reading one whole and then picking its
 * fields keeps a broken record from leaving the parser in the middle of it.
 */
final class EventJson {
  /** Lambda's own limit for a synchronous invocation's payload. */
  static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

  /** Deep enough for a DynamoDB image of nested maps and lists; no event of ours nests deeper. */
  private static final int MAX_NESTING = 64;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_NESTING)
                  .maxStringLength(MAX_EVENT_BYTES)
                  .maxDocumentLength(MAX_EVENT_BYTES)
                  .build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private EventJson() {}

  /** The event as a map of plain values; not one JSON object is a {@link MalformedEventException}. */
  static Map<String, Object> read(InputStream event, String kind) throws IOException {
    Object root;
    try (JsonParser parser = FACTORY.createParser(event)) {
      JsonToken first = parser.nextToken();
      root = first == null ? null : JsonReader.value(parser);
      if (first != null && parser.nextToken() != null) {
        throw new MalformedEventException("The " + kind + " event holds more than one JSON value.");
      }
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("The " + kind + " event is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(root instanceof Map<?, ?>)) {
      throw new MalformedEventException("The " + kind + " event is not a JSON object.");
    }
    return cast(root);
  }

  /** A member that must be text when present: null when absent or JSON null. */
  static String text(Map<String, Object> object, String name, String path) {
    Object value = object.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongType(path + name, "a string");
  }

  /** A member that must be a boolean when present: false when absent or JSON null. */
  static boolean bool(Map<String, Object> object, String name, String path) {
    Object value = object.get(name);
    if (value == null || value instanceof Boolean) {
      return Boolean.TRUE.equals(value);
    }
    throw wrongType(path + name, "true or false");
  }

  /** A member that must be an object when present: empty when absent or JSON null. */
  static Map<String, Object> object(Map<String, Object> object, String name, String path) {
    Object value = object.get(name);
    if (value == null) {
      return Map.of();
    }
    if (value instanceof Map<?, ?>) {
      return cast(value);
    }
    throw wrongType(path + name, "an object");
  }

  /** A member that must be an array when present: empty when absent or JSON null. */
  static List<Object> array(Map<String, Object> object, String name, String path) {
    Object value = object.get(name);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?>) {
      return cast(value);
    }
    throw wrongType(path + name, "an array");
  }

  /** An object of strings (headers, parameters): null members left out, anything else refused. */
  static Map<String, String> strings(Map<String, Object> object, String name, String path) {
    Map<String, String> strings = new LinkedHashMap<>();
    Map<String, Object> members = object(object, name, path);
    for (String member : members.keySet()) {
      String value = text(members, member, path + name + ".");
      if (value != null) {
        strings.put(member, value);
      }
    }
    return strings;
  }

  static MalformedEventException wrongType(String field, String expected) {
    return new MalformedEventException("The event's '" + field + "' must be " + expected + ".");
  }

  @SuppressWarnings("unchecked")
  static <T> T cast(Object value) {
    return (T) value;
  }
}
