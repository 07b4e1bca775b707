package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoachApiConfigTest {
  @Test
  void printedConfigurationHidesTheSecret() {
    assertThat(new CoachApiConfig("consultations", CoachTestBed.SECRET).toString())
        .contains("consultations")
        .doesNotContain(CoachTestBed.SECRET);
    assertThat(new CoachApiConfig("consultations", CoachTestBed.SECRET, "previous-hashing-secret-0123456789").toString())
        .doesNotContain(CoachTestBed.SECRET)
        .doesNotContain("previous-hashing-secret-0123456789");
  }
}
