package dev.contentfunctions.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void percentilesAreNearestRankOverEverySample() {
    LatencySamples samples = new LatencySamples();
    for (long latency = 1000; latency >= 1; latency--) { // out of order, past the first array
      samples.add(latency);
    }

    assertThat(samples.count()).isEqualTo(1000);
    assertThat(samples.percentile(50)).isEqualTo(500);
    assertThat(samples.percentile(90)).isEqualTo(900);
    assertThat(samples.percentile(99)).isEqualTo(990);
    assertThat(samples.percentile(99.9)).isEqualTo(999);
    assertThat(samples.percentile(100)).isEqualTo(1000);
  }

  @Test
  void aFewSamplesRoundUpToTheNextRank() {
    LatencySamples samples = new LatencySamples();
    samples.add(30);
    samples.add(10);
    samples.add(20);

    assertThat(samples.percentile(0)).isEqualTo(10);
    assertThat(samples.percentile(50)).isEqualTo(20);
    assertThat(samples.percentile(90)).isEqualTo(30);
  }

  @Test
  void addAllKeepsBothSetsAndSamplesAddedAfterAReadCount() {
    LatencySamples first = new LatencySamples();
    first.add(5);
    assertThat(first.percentile(100)).isEqualTo(5);
    first.add(1);
    LatencySamples all = new LatencySamples();
    all.add(9);
    all.addAll(first);

    assertThat(all.count()).isEqualTo(3);
    assertThat(all.percentile(0)).isEqualTo(1);
    assertThat(all.percentile(100)).isEqualTo(9);
  }

  @Test
  void noSamplesHaveNoPercentiles() {
    assertThatThrownBy(() -> new LatencySamples().percentile(50))
        .isInstanceOf(IllegalStateException.class);
  }
}
