package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import org.junit.jupiter.api.Test;

class FunctionLogTest {

  @Test
  void structuredLineBecomesEventAndFields() {
    assertThat(
            FunctionLog.readable(
                "{\"level\":\"INFO\",\"event\":\"post.published\",\"requestId\":\"r-1\","
                    + "\"key\":\"posts/a.md\",\"slug\":\"a\",\"sequencer\":null}"))
        .isEqualTo("post.published key=posts/a.md slug=a");
  }

  @Test
  void levelAboveInfoIsShownAndTextWithSpacesQuoted() {
    assertThat(
            FunctionLog.readable(
                "{\"level\":\"WARN\",\"event\":\"post.failed\",\"key\":\"posts/b.md\","
                    + "\"reason\":\"No title: add one\"}"))
        .isEqualTo("WARN post.failed key=posts/b.md reason=\"No title: add one\"");
  }

  @Test
  void kitLinesNameTheirEventInMessage() {
    assertThat(
            FunctionLog.readable(
                "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"ERROR\",\"requestId\":\"r-2\","
                    + "\"message\":\"batch.malformed\",\"reason\":\"not JSON\"}"))
        .isEqualTo("ERROR batch.malformed reason=\"not JSON\"");
  }

  @Test
  void metricLinesAreShownCompactlyWithTheirDimensionsOnce() {
    String line =
        emf(m -> m.count(Metric.ANSWERS, "ANY /posts/{slug}", "2xx")
            .milliseconds(Metric.LATENCY, 12.84, "ANY /posts/{slug}"));

    assertThat(FunctionLog.readable(line))
        .isEqualTo("metric  PostsApi  ColdStart=1  Answers{Route=ANY /posts/{slug},StatusClass=2xx}=1  Latency=12.8ms");
  }

  @Test
  void metricLinesShowZerosReasonsAndSeveralDurations() {
    String line =
        emf(m -> m.count(Metric.BOOKINGS_RECORDED, 0)
            .count(Metric.BOOKINGS_REFUSED, "honeypot")
            .milliseconds(Metric.PUBLISH_DURATION, 41)
            .milliseconds(Metric.PUBLISH_DURATION, 7.25));

    assertThat(FunctionLog.readable(line))
        .isEqualTo("metric  PostsApi  ColdStart=1  BookingsRecorded=0  PublishDuration=41ms,7.3ms  BookingsRefused{Reason=honeypot}=1");
  }

  /** The one line a fresh container's invocation writes after {@code record}. */
  private static String emf(java.util.function.Consumer<Metrics.Invocation> record) {
    java.util.List<String> lines = new java.util.ArrayList<>();
    Metrics metrics =
        Metrics.to(lines::add, "ContentFunctions", "PostsApi", java.time.Clock.systemUTC());
    Metrics.Invocation invocation = metrics.start();
    record.accept(invocation);
    invocation.flush();
    assertThat(lines).hasSize(1);
    return lines.get(0);
  }

  @Test
  void otherTextIsLeftAsItIs() {
    assertThat(FunctionLog.readable("Starting up [1/2]")).isEqualTo("Starting up [1/2]");
    assertThat(FunctionLog.readable("42")).isEqualTo("42");
  }
}
