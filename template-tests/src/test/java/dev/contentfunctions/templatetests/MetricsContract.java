package dev.contentfunctions.templatetests;

import java.util.Map;
import java.util.Set;

/**
 * The functions' custom metrics as issue 14's contract names them (docs/metrics.md): names and the
 * dimensions each one carries. The dashboard and the alarms may read these and nothing else.
 */
final class MetricsContract {

  /** One namespace per stack, as the template writes it in a {@code !Sub}. */
  static final String NAMESPACE = "ContentFunctions/${AWS::StackName}";

  static final Set<String> FUNCTIONS =
      Set.of("Publisher", "PostsApi", "Consultations", "ConsultationNotifier", "CoachApi");

  private static final Set<String> FUNCTION = Set.of("Function");

  /** Metric name to its dimension names. */
  static final Map<String, Set<String>> DIMENSIONS =
      Map.ofEntries(
          Map.entry("ColdStart", FUNCTION),
          Map.entry("PostsPublished", FUNCTION),
          Map.entry("PostsFailed", FUNCTION),
          Map.entry("PostsRemoved", FUNCTION),
          Map.entry("PublishDuration", FUNCTION),
          Map.entry("ImagesProcessed", FUNCTION),
          Map.entry("ImagesRefused", FUNCTION),
          Map.entry("BookingsRecorded", FUNCTION),
          Map.entry("BookingsDuplicate", FUNCTION),
          Map.entry("BookingsUnavailable", FUNCTION),
          Map.entry("BookingsRefused", Set.of("Function", "Reason")),
          Map.entry("NotificationsSent", FUNCTION),
          Map.entry("NotificationsFailed", FUNCTION),
          Map.entry("Answers", Set.of("Function", "Route", "StatusClass")),
          Map.entry("Latency", Set.of("Function", "Route")));

  /** The values of the dimensions that have a fixed set of them. */
  static final Map<String, Set<String>> VALUES =
      Map.of(
          "Function", FUNCTIONS,
          "Reason", Set.of("validation", "rate-limit", "honeypot"),
          "StatusClass", Set.of("2xx", "3xx", "4xx", "5xx"));

  private MetricsContract() {}
}
