package dev.contentfunctions.load;

import java.util.Arrays;

/**
 * Latencies, every one kept, and their percentiles. A run keeps at most rate x duration of them (an
 * hour at 50 a second: 180,000, 1.4 MB), so the percentiles can be exact rather than a histogram's
 * bucket bounds. Not thread-safe: {@link LoadResult} guards it.
 */
final class LatencySamples {
  private long[] nanos = new long[256];
  private int count;
  private boolean sorted = true;

  void add(long latencyNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = latencyNanos;
    sorted = false;
  }

  void addAll(LatencySamples other) {
    for (int i = 0; i < other.count; i++) {
      add(other.nanos[i]);
    }
  }

  int count() {
    return count;
  }

  /**
   * The nearest-rank percentile: the smallest latency that at least {@code percent} % of the
   * samples do not exceed (100 is the maximum).
   */
  long percentile(double percent) {
    if (count == 0) {
      throw new IllegalStateException("No latencies recorded");
    }
    if (!sorted) {
      Arrays.sort(nanos, 0, count);
      sorted = true;
    }
    int rank = (int) Math.ceil(percent * count / 100);
    return nanos[Math.max(rank, 1) - 1];
  }
}
