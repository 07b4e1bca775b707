package dev.contentfunctions.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads CloudWatch Embedded Metric Format lines as CloudWatch Logs would extract them, and fails
 * on any that breaks the specification: {@code _aws.Timestamp} a number of milliseconds,
 * {@code CloudWatchMetrics} directives with a namespace, dimension sets of at most 30 keys that
 * each name a top-level string, at most 100 metrics that each name a top-level number (or array of
 * at most 100 numbers). Lines that are not EMF (log lines) are skipped by {@link #metrics}.
 */
public final class EmfLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EmfLines() {}

  /** One extracted metric value (or values) with its dimension set's values. */
  public record Datum(String namespace, String name, String unit, Map<String, String> dimensions, List<Double> values) {
    /** The sum of the values: a count's amount. */
    public double sum() {
      return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** {@code Name{Dim=value,...}}, Function left out: for readable assertions. */
    public String label() {
      StringBuilder text = new StringBuilder(name);
      List<String> shown = new ArrayList<>();
      dimensions.forEach((key, value) -> {
        if (!key.equals("Function")) {
          shown.add(key + "=" + value);
        }
      });
      if (!shown.isEmpty()) {
        text.append('{').append(String.join(",", shown)).append('}');
      }
      return text.toString();
    }
  }

  /** Whether a line is an EMF document (a JSON object with {@code _aws}). */
  public static boolean isEmf(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node != null && node.isObject() && node.has("_aws");
    } catch (Exception e) {
      return false;
    }
  }

  /** Every datum of the EMF lines among {@code lines}, each line checked against the spec. */
  public static List<Datum> metrics(List<String> lines) {
    List<Datum> data = new ArrayList<>();
    for (String line : lines) {
      if (isEmf(line)) {
        data.addAll(read(line));
      }
    }
    return data;
  }

  /** The names of {@link #metrics}. */
  public static Set<String> names(List<String> lines) {
    Set<String> names = new TreeSet<>();
    metrics(lines).forEach(datum -> names.add(datum.name()));
    return names;
  }

  /** The labels of {@link #metrics} with their sums: {@code Answers{Route=..,StatusClass=2xx}=1.0}. */
  public static List<String> labels(List<String> lines) {
    return metrics(lines).stream().map(datum -> datum.label() + "=" + datum.sum()).toList();
  }

  /** One EMF line's data; an {@link AssertionError} saying what is wrong if it breaks the spec. */
  public static List<Datum> read(String line) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
    check(root != null && root.isObject(), "not a JSON object", line);
    check(!line.contains("\n"), "more than one line", line);
    JsonNode aws = root.path("_aws");
    check(aws.isObject(), "_aws is not an object", line);
    check(aws.path("Timestamp").isIntegralNumber() && aws.path("Timestamp").asLong() > 1_000_000_000_000L,
        "_aws.Timestamp is not epoch milliseconds", line);
    JsonNode directives = aws.path("CloudWatchMetrics");
    check(directives.isArray() && !directives.isEmpty(), "_aws.CloudWatchMetrics is not a non-empty array", line);
    List<Datum> data = new ArrayList<>();
    for (JsonNode directive : directives) {
      String namespace = directive.path("Namespace").asText("");
      check(directive.path("Namespace").isTextual() && !namespace.isBlank() && namespace.length() <= 255,
          "a directive's Namespace is not 1-255 characters", line);
      JsonNode sets = directive.path("Dimensions");
      check(sets.isArray(), "a directive's Dimensions is not an array", line);
      JsonNode metrics = directive.path("Metrics");
      check(metrics.isArray() && metrics.size() <= 100, "a directive's Metrics is not an array of at most 100", line);
      List<Map<String, String>> dimensionSets = new ArrayList<>();
      for (JsonNode set : sets) {
        check(set.isArray() && set.size() <= 30, "a dimension set is not an array of at most 30 keys", line);
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode key : set) {
          JsonNode value = root.path(key.asText());
          check(key.isTextual() && value.isTextual() && !value.asText().isBlank() && value.asText().length() <= 1024,
              "dimension " + key + " is not a top-level string of 1-1024 characters", line);
          values.put(key.asText(), value.asText());
        }
        dimensionSets.add(values);
      }
      if (dimensionSets.isEmpty()) {
        dimensionSets.add(Map.of());
      }
      for (JsonNode metric : metrics) {
        String name = metric.path("Name").asText("");
        check(metric.path("Name").isTextual() && !name.isBlank() && name.length() <= 1024,
            "a metric's Name is not 1-1024 characters", line);
        for (Iterator<String> fields = metric.fieldNames(); fields.hasNext(); ) {
          String field = fields.next();
          check(Set.of("Name", "Unit", "StorageResolution").contains(field), "a metric has member " + field, line);
        }
        JsonNode value = root.path(name);
        List<Double> values = new ArrayList<>();
        if (value.isNumber()) {
          values.add(value.asDouble());
        } else {
          check(value.isArray() && !value.isEmpty() && value.size() <= 100,
              "metric " + name + " is not a top-level number or array of 1-100 numbers", line);
          for (JsonNode item : value) {
            check(item.isNumber(), "metric " + name + " has a value that is not a number", line);
            values.add(item.asDouble());
          }
        }
        for (Map<String, String> dimensions : dimensionSets) {
          data.add(new Datum(namespace, name, metric.path("Unit").asText(null), dimensions, List.copyOf(values)));
        }
      }
    }
    return data;
  }

  private static void check(boolean condition, String problem, String line) {
    if (!condition) {
      throw new AssertionError("EMF line breaks the specification (" + problem + "): " + line);
    }
  }
}
