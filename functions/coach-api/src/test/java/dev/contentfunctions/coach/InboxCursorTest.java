package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.coach.ConsultationRepository.Position;
import dev.contentfunctions.tables.consultations.Consultation.Status;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxCursorTest {
  private static final Position LAST = new Position(Instant.parse("2026-01-15T10:20:30.123456Z"), "01KF0W6Q2R0000000000000001");
  private final InboxCursor cursors = new InboxCursor(new SaltedHash(CoachTestBed.SECRET));

  @Test
  void cursorRoundTripsForItsStatus() {
    assertThat(cursors.decode(cursors.encode(Status.HANDLED, LAST), Status.HANDLED)).isEqualTo(LAST);
  }

  @Test
  void cursorIsUrlSafe() {
    assertThat(cursors.encode(Status.NEW, LAST)).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void cursorOfTheOtherStatusIsRefused() {
    String cursor = cursors.encode(Status.NEW, LAST);

    assertThatThrownBy(() -> cursors.decode(cursor, Status.HANDLED))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("another status");
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String cursor = cursors.encode(Status.NEW, LAST);
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = cursor.charAt(i) == 'x' ? 'y' : 'x';
      String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThatThrownBy(() -> cursors.decode(edited, Status.NEW)).as("edit at %d", i).isInstanceOf(ApiException.BadRequest.class);
    }
  }

  @Test
  void forgedCursorWithoutTheSecretIsRefused() {
    String payload = "1\nnew\n2026-01-15T10:20:30Z\n01KF0W6Q2R0000000000000001";
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((payload + "\n" + new SaltedHash("an-attackers-own-secret-0123456789abcdef").of("coach-api cursor", payload))
                .getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> cursors.decode(forged, Status.NEW)).isInstanceOf(ApiException.BadRequest.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "AAAA", "bm90IGEgY3Vyc29y", "MQpuZXcKeAp5Cno"})
  void garbageIsRefused(String cursor) {
    assertThatThrownBy(() -> cursors.decode(cursor, Status.NEW)).isInstanceOf(ApiException.BadRequest.class);
  }
}
