package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CoachRouteTest {
  @Test
  void matchesEachRouteAndItsId() {
    assertThat(CoachRoute.match("/coach/consultations")).get().extracting(CoachRoute.Match::route).isEqualTo(CoachRoute.LIST);
    assertThat(CoachRoute.match("/coach/consultations.csv")).get().extracting(CoachRoute.Match::route).isEqualTo(CoachRoute.EXPORT);
    assertThat(CoachRoute.match("/coach/erasures")).get().extracting(CoachRoute.Match::route).isEqualTo(CoachRoute.ERASE);
    assertThat(CoachRoute.match("/coach/consultations/01KF0W6Q2R0000000000000001/handled"))
        .contains(new CoachRoute.Match(CoachRoute.MARK_HANDLED, "01KF0W6Q2R0000000000000001"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/coach/consultationsxcsv", "/coach/consultations/", "/coach/consultations//handled",
        "/coach/consultations/a/b/handled", "/coach/consultations/x/handled/", "/COACH/erasures", "/prefix/coach/erasures", ""
      })
  void matchesNothingElse(String path) {
    assertThat(CoachRoute.match(path)).isEmpty();
  }
}
