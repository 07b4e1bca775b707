package dev.contentfunctions.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.testkit.EmfLines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> lines = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:15:30.123Z"), ZoneOffset.UTC);
  private final Metrics metrics = Metrics.to(lines::add, "ContentFunctions/test", "PostsApi", clock);

  @Test
  void writesOneTopLevelEmfDocumentPerInvocation() throws Exception {
    metrics.start()
        .count(Metric.ANSWERS, "ANY /posts/{slug}", "2xx")
        .milliseconds(Metric.LATENCY, 12, "ANY /posts/{slug}")
        .flush();

    assertThat(lines).hasSize(1);
    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(clock.millis());
    assertThat(line.path("Function").asText()).isEqualTo("PostsApi");
    assertThat(line.path("Route").asText()).isEqualTo("ANY /posts/{slug}");
    assertThat(line.path("StatusClass").asText()).isEqualTo("2xx");
    assertThat(line.path("Answers").asInt()).isEqualTo(1);
    assertThat(line.path("Latency").asInt()).isEqualTo(12);
    assertThat(line.path("ColdStart").asInt()).isEqualTo(1);
    assertThat(EmfLines.read(lines.get(0)))
        .extracting(EmfLines.Datum::namespace, EmfLines.Datum::name, EmfLines.Datum::unit, EmfLines.Datum::dimensions)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ContentFunctions/test", "ColdStart", "Count", Map.of("Function", "PostsApi")),
            org.assertj.core.groups.Tuple.tuple(
                "ContentFunctions/test", "Answers", "Count",
                Map.of("Function", "PostsApi", "Route", "ANY /posts/{slug}", "StatusClass", "2xx")),
            org.assertj.core.groups.Tuple.tuple(
                "ContentFunctions/test", "Latency", "Milliseconds", Map.of("Function", "PostsApi", "Route", "ANY /posts/{slug}")));
  }

  @Test
  void eachDimensionSetIsExactlyTheMetricsOwnWithFunctionFirst() throws Exception {
    metrics.start().count(Metric.BOOKINGS_REFUSED, "honeypot").count(Metric.BOOKINGS_RECORDED, 0).flush();

    JsonNode directives = JSON.readTree(lines.get(0)).path("_aws").path("CloudWatchMetrics");
    List<String> sets = new ArrayList<>();
    directives.forEach(directive -> sets.add(directive.path("Dimensions").toString() + directive.path("Metrics")));
    assertThat(sets)
        .containsExactly(
            "[[\"Function\"]][{\"Name\":\"ColdStart\",\"Unit\":\"Count\"},{\"Name\":\"BookingsRecorded\",\"Unit\":\"Count\"}]",
            "[[\"Function\",\"Reason\"]][{\"Name\":\"BookingsRefused\",\"Unit\":\"Count\"}]");
  }

  @Test
  void onlyTheContainersFirstInvocationIsAColdStart() {
    metrics.start().count(Metric.POSTS_PUBLISHED).flush();
    metrics.start().count(Metric.POSTS_PUBLISHED).flush();
    metrics.start().flush();

    assertThat(EmfLines.labels(lines)).containsExactly("ColdStart=1.0", "PostsPublished=1.0", "PostsPublished=1.0");
  }

  @Test
  void countsAddUpAndDurationsAreKeptOneByOne() throws Exception {
    Metrics.Invocation invocation = metrics.start();
    invocation.count(Metric.POSTS_PUBLISHED).count(Metric.POSTS_PUBLISHED, 2).count(Metric.POSTS_FAILED, 0);
    invocation.milliseconds(Metric.PUBLISH_DURATION, 41).milliseconds(Metric.PUBLISH_DURATION, 7.25);
    invocation.flush();

    JsonNode line = JSON.readTree(lines.get(0));
    assertThat(line.path("PostsPublished").asInt()).isEqualTo(3);
    assertThat(line.path("PostsFailed").isIntegralNumber()).isTrue();
    assertThat(line.path("PostsFailed").asInt()).isZero();
    assertThat(line.path("PublishDuration").toString()).isEqualTo("[41,7.25]");
  }

  @Test
  void twoValuesOfOneDimensionTakeTwoLines() {
    metrics.start()
        .count(Metric.BOOKINGS_REFUSED, "validation")
        .count(Metric.BOOKINGS_REFUSED, "rate-limit")
        .count(Metric.BOOKINGS_REFUSED, "validation")
        .flush();

    assertThat(lines).hasSize(2);
    assertThat(EmfLines.labels(lines))
        .containsExactly(
            "ColdStart=1.0", "BookingsRefused{Reason=validation}=2.0", "BookingsRefused{Reason=rate-limit}=1.0");
  }

  @Test
  void moreThanAHundredValuesOfOneMetricTakeMoreLines() {
    Metrics.Invocation invocation = metrics.start();
    for (int i = 0; i < 250; i++) {
      invocation.milliseconds(Metric.PUBLISH_DURATION, i);
    }
    invocation.flush();

    assertThat(lines).hasSize(3);
    List<EmfLines.Datum> data = EmfLines.metrics(lines);
    assertThat(data.stream().filter(datum -> datum.name().equals("PublishDuration")).mapToInt(datum -> datum.values().size()))
        .containsExactly(100, 100, 50);
  }

  @Test
  void everyMetricInOneLineIsValidEmf() {
    Metrics.Invocation invocation = metrics.start();
    for (Metric metric : Metric.values()) {
      String[] dimensions = metric.dimensions().stream().map(name -> "v").toArray(String[]::new);
      if (metric.unit() == Metric.Unit.COUNT) {
        invocation.count(metric, dimensions);
      } else {
        invocation.milliseconds(metric, 3, dimensions);
      }
    }
    invocation.flush();

    assertThat(lines).hasSize(1);
    assertThat(EmfLines.names(lines))
        .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Metric.values()).map(Metric::metricName).toList());
    assertThat(Metric.values()).allSatisfy(metric -> assertThat(metric.dimensionSet()).hasSizeLessThanOrEqualTo(Metrics.MAX_DIMENSIONS));
  }

  @Test
  void aBlankOrHugeDimensionValueStillMakesValidEmf() {
    metrics.start().count(Metric.BOOKINGS_REFUSED, " ").count(Metric.LATENCY, 1, "x".repeat(5000)).flush();

    assertThat(EmfLines.metrics(lines)).isNotEmpty();
    assertThat(EmfLines.labels(lines)).contains("BookingsRefused{Reason=none}=1.0");
  }

  @Test
  void aMetricNeedsExactlyItsDimensions() {
    assertThatThrownBy(() -> metrics.start().count(Metric.ANSWERS, "ANY /posts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Route, StatusClass");
  }

  @Test
  void nothingRecordedWritesNothing() {
    Metrics.Invocation first = metrics.start();
    first.flush();
    lines.clear();
    metrics.start().flush();
    assertThat(lines).isEmpty();
  }

  @Test
  void unrecordedInvocationsWriteNothingAndKeepTheColdStart() {
    metrics.unrecorded(() -> metrics.start().count(Metric.ANSWERS, "$default", "2xx").flush());
    assertThat(lines).isEmpty();

    metrics.start().count(Metric.ANSWERS, "$default", "2xx").flush();
    assertThat(EmfLines.labels(lines)).containsExactly("ColdStart=1.0", "Answers{Route=$default,StatusClass=2xx}=1.0");
  }

  @Test
  void theNamespaceDefaultsToContentFunctions() {
    // METRICS_NAMESPACE is not set in the test JVM.
    assertThat(Metrics.standardOutput("Publisher").namespace())
        .isEqualTo(System.getenv("METRICS_NAMESPACE") == null ? "ContentFunctions" : System.getenv("METRICS_NAMESPACE").strip());
  }
}
