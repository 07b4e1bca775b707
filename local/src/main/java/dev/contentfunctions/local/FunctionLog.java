package dev.contentfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Set;

/**
 * A function's log lines, made readable on a console: a structured JSON line (what the functions
 * write) becomes {@code post.published key=posts/a.md slug=a}; any other text stays as it is.
 */
final class FunctionLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Always present and of no use on a console; the level is shown when it is not INFO.
  private static final Set<String> OMITTED = Set.of("level", "requestId", "timestamp");

  private FunctionLog() {}

  static String readable(String line) {
    JsonNode json;
    try {
      json = JSON.readTree(line);
    } catch (JsonProcessingException notJson) {
      return line;
    }
    if (json == null || !json.isObject()) {
      return line;
    }
    StringBuilder text = new StringBuilder();
    String level = json.path("level").asText("INFO");
    if (!level.equals("INFO")) {
      text.append(level).append(' ');
    }
    String head = json.hasNonNull("event") ? "event" : "message";
    text.append(json.path(head).asText());
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      JsonNode value = field.getValue();
      if (OMITTED.contains(field.getKey()) || field.getKey().equals(head) || value.isNull()) {
        continue;
      }
      String shown = value.isValueNode() ? value.asText() : value.toString();
      // A text with spaces (a failure's reason) is quoted, so the next field stays recognisable.
      boolean quote = value.isTextual() && !shown.matches("\\S+");
      text.append(' ').append(field.getKey()).append('=').append(quote ? value.toString() : shown);
    }
    return text.toString();
  }
}
