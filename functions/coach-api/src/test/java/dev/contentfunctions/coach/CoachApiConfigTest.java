package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoachApiConfigTest {
  @Test
  void printedConfigurationHidesTheSecret() {
    assertThat(new CoachApiConfig("consultations", CoachTestBed.SECRET).toString())
        .contains("consultations")
        .doesNotContain(CoachTestBed.SECRET);
    assertThat(new CoachApiConfig("consultations", CoachTestBed.SECRET, CoachTestBed.PREVIOUS_SECRET).toString())
        .doesNotContain(CoachTestBed.SECRET)
        .doesNotContain(CoachTestBed.PREVIOUS_SECRET);
  }
}
