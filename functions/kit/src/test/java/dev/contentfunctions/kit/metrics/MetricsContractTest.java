package dev.contentfunctions.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.testkit.MetricsContract;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/metrics.md's table is the {@link Metric} enum: same names, units and dimension sets. */
class MetricsContractTest {
  @Test
  void theDocumentedTableIsExactlyWhatTheWriterCanEmit() {
    Map<String, String> documented =
        MetricsContract.rows().values().stream()
            .collect(Collectors.toMap(MetricsContract.Row::name, row -> row.unit() + " " + row.dimensions()));
    Map<String, String> emittable =
        Arrays.stream(Metric.values())
            .collect(Collectors.toMap(Metric::metricName, metric -> metric.unit().cloudWatchName() + " " + metric.dimensionSet()));

    assertThat(documented).isEqualTo(emittable);
  }

  @Test
  void everyMetricHasTheFunctionDimensionAndFewOthers() {
    assertThat(Metric.values())
        .allSatisfy(metric -> assertThat(metric.dimensionSet()).first().isEqualTo(Metrics.FUNCTION))
        .allSatisfy(metric -> assertThat(metric.dimensionSet()).hasSizeLessThanOrEqualTo(3));
  }
}
