package dev.contentfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's {@code FilterCriteria}: a record reaches the function when one of the
 * filters' patterns matches it (or when there are none), so locally the function sees the records
 * it sees on AWS.
 *
 * <p>Only equality patterns are supported, as Lambda reads them: an object's keys must be present
 * in the record and match recursively; an array lists the values a field may have. Content filters
 * ({@code prefix}, {@code anything-but}, {@code numeric}, {@code exists}, ...) are refused when the
 * run starts rather than matched wrongly.
 */
final class EventFilter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<JsonNode> patterns;

  private EventFilter(List<JsonNode> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /**
   * @param filterCriteria the event's {@code FilterCriteria} property; missing for none
   * @param owner who has the filter, for the error message
   */
  static EventFilter of(JsonNode filterCriteria, String owner) {
    List<JsonNode> patterns = new ArrayList<>();
    for (JsonNode filter : filterCriteria.path("Filters")) {
      JsonNode pattern;
      try {
        pattern = JSON.readTree(filter.path("Pattern").asText());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            owner + "'s filter pattern is not JSON: " + filter.path("Pattern"), e);
      }
      requireEqualityOnly(pattern, owner);
      patterns.add(pattern);
    }
    return new EventFilter(patterns);
  }

  boolean matches(JsonNode record) {
    return patterns.isEmpty() || patterns.stream().anyMatch(p -> matches(p, record));
  }

  private static boolean matches(JsonNode pattern, JsonNode value) {
    if (pattern.isObject()) {
      if (!value.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : pattern.properties()) {
        if (!value.has(field.getKey()) || !matches(field.getValue(), value.get(field.getKey()))) {
          return false;
        }
      }
      return true;
    }
    // An array of allowed values; a field holding an array matches when one element does.
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (matches(pattern, element)) {
          return true;
        }
      }
      return false;
    }
    for (JsonNode allowed : pattern) {
      if (allowed.equals(value)
          || (allowed.isNumber() && value.isNumber() && allowed.asDouble() == value.asDouble())) {
        return true;
      }
    }
    return false;
  }

  private static void requireEqualityOnly(JsonNode pattern, String owner) {
    if (pattern.isObject()) {
      pattern.forEach(child -> requireEqualityOnly(child, owner));
      return;
    }
    if (!pattern.isArray()) {
      throw new IllegalArgumentException(
          owner + "'s filter pattern has " + pattern + " where a list of values belongs");
    }
    for (JsonNode allowed : pattern) {
      if (allowed.isContainerNode()) {
        throw new IllegalArgumentException(
            owner
                + "'s filter pattern uses "
                + allowed
                + "; the local run matches exact values only (no prefix, anything-but, numeric,"
                + " exists, ...)");
      }
    }
  }
}
