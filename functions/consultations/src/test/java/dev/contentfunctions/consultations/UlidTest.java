package dev.contentfunctions.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidTest {
  @Test
  void idsAreCrockfordBase32AndSortByTime() {
    String earlier = Ulid.at(Instant.parse("2025-11-03T10:00:00Z"));
    String later = Ulid.at(Instant.parse("2025-11-03T10:00:00.001Z"));

    assertThat(earlier).matches("[0-9A-HJKMNP-TV-Z]{26}");
    assertThat(earlier.substring(0, 10)).isEqualTo("01K94JHH80");
    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    Instant now = Instant.now();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(Ulid.at(now));
    }
    assertThat(ids).hasSize(10_000);
  }
}
