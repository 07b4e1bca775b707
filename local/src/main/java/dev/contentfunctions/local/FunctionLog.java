package dev.contentfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function's log lines, made readable on a console: a structured JSON line (what the functions
 * write) becomes {@code post.published key=posts/a.md slug=a}, a metric line (CloudWatch EMF,
 * docs/metrics.md) {@code metric  PostsApi  Answers{Route=ANY /posts,StatusClass=2xx}=1  Latency=12.8ms};
 * any other text stays as it is.
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
    if (json.path("_aws").path("CloudWatchMetrics").isArray()) {
      return metrics(json);
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

  /** The prefix of a metric line, before the function's name: what the local run's tests look for. */
  static final String METRIC = "metric";

  /**
   * {@code metric  <Function>  Name{Dimension=value,...}=value[ms]  ...}: each metric of the line
   * with its dimensions besides Function, shown once (a metric whose dimensions were all shown before
   * on the line has none), durations in milliseconds with one decimal, several values joined by commas.
   */
  private static String metrics(JsonNode json) {
    List<String> shown = new ArrayList<>();
    Map<String, String> dimensionsShown = new LinkedHashMap<>();
    for (JsonNode directive : json.path("_aws").path("CloudWatchMetrics")) {
      Map<String, String> dimensions = new LinkedHashMap<>();
      for (JsonNode set : directive.path("Dimensions")) {
        for (JsonNode key : set) {
          if (!key.asText().equals("Function")) {
            dimensions.put(key.asText(), json.path(key.asText()).asText());
          }
        }
      }
      boolean allShown = dimensionsShown.entrySet().containsAll(dimensions.entrySet());
      for (JsonNode metric : directive.path("Metrics")) {
        String name = metric.path("Name").asText();
        boolean milliseconds = metric.path("Unit").asText().equals("Milliseconds");
        StringBuilder text = new StringBuilder(name);
        if (!dimensions.isEmpty() && !allShown) {
          List<String> pairs = new ArrayList<>();
          dimensions.forEach((key, value) -> pairs.add(key + "=" + value));
          text.append('{').append(String.join(",", pairs)).append('}');
        }
        JsonNode value = json.path(name);
        List<String> values = new ArrayList<>();
        for (JsonNode one : value.isArray() ? value : List.of(value)) {
          values.add(number(one.asDouble(), milliseconds));
        }
        text.append('=').append(String.join(",", values));
        shown.add(text.toString());
      }
      dimensionsShown.putAll(dimensions);
    }
    return METRIC + "  " + json.path("Function").asText("?") + "  " + String.join("  ", shown);
  }

  private static String number(double value, boolean milliseconds) {
    String text =
        milliseconds
            ? String.format(java.util.Locale.ROOT, "%.1f", value).replaceAll("\\.0$", "")
            : (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
    return milliseconds ? text + "ms" : text;
  }
}
