package dev.contentfunctions.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles (nearest rank) of samples in milliseconds. */
record Stats(double[] sorted) {
  static Stats of(Collection<Double> samples) {
    double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(values);
    return new Stats(values);
  }

  static Stats ofNanos(long[] nanos) {
    double[] values = Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray();
    Arrays.sort(values);
    return new Stats(values);
  }

  double percentile(double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  double median() {
    return percentile(50);
  }

  double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  int count() {
    return sorted.length;
  }

  /** "412 (398–455)": the median and the range, in whole milliseconds. */
  String medianAndRange() {
    return String.format("%.0f (%.0f–%.0f)", median(), min(), max());
  }
}
