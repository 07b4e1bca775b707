package dev.contentfunctions.templatetests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The functions' custom metrics as docs/metrics.md names them: names and the dimensions each one
 * carries. The dashboard and the alarms may read these and nothing else.
 */
final class MetricsContract {

  /** One namespace per stack, as the template writes it in a {@code !Sub}. */
  static final String NAMESPACE = "ContentFunctions/${AWS::StackName}";

  static final Set<String> FUNCTIONS =
      Set.of("Publisher", "PostsApi", "Consultations", "ConsultationNotifier", "CoachApi");

  /**
   * Metric name to its dimension names, from docs/metrics.md's table: the table the functions'
   * sample events are held to emitting exactly (SampleEventsIT), so what the dashboard and alarms
   * read is what the code writes.
   */
  static final Map<String, Set<String>> DIMENSIONS = dimensions();

  /** The values of the dimensions that have a fixed set of them. */
  static final Map<String, Set<String>> VALUES =
      Map.of(
          "Function", FUNCTIONS,
          "Reason", Set.of("validation", "rate-limit", "honeypot"),
          "StatusClass", Set.of("2xx", "3xx", "4xx", "5xx"));

  private MetricsContract() {}

  private static Map<String, Set<String>> dimensions() {
    Map<String, Set<String>> dimensions = new LinkedHashMap<>();
    dev.contentfunctions.testkit.MetricsContract.rows()
        .forEach((name, row) -> dimensions.put(name, Set.copyOf(row.dimensions())));
    return Map.copyOf(dimensions);
  }
}
