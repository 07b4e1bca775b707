package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.ApiException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class CursorCodecTest {
  private final CursorCodec codec = new CursorCodec("k".repeat(32));

  @Test
  void aCursorCarriesItsFieldsBackToTheListingItWasMadeFor() {
    String cursor = codec.encode("tag:communication", List.of("2025-11-03T09:00:00Z", "a-post"));

    assertThat(codec.decode(cursor, "tag:communication", 2)).containsExactly("2025-11-03T09:00:00Z", "a-post");
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void refusesACursorOfAnotherListingAnotherKeyOrAnEditedOne() {
    String cursor = codec.encode("tag:a", List.of("x"));
    byte[] edited = Base64.getUrlDecoder().decode(cursor);
    edited[1] ^= 1;

    for (String bad :
        new String[] {
          Base64.getUrlEncoder().withoutPadding().encodeToString(edited),
          cursor.substring(0, cursor.length() - 2),
          new CursorCodec("z".repeat(32)).encode("tag:a", List.of("x")),
          "not a cursor",
          ""
        }) {
      assertThatThrownBy(() -> codec.decode(bad, "tag:a", 1)).as(bad).isInstanceOf(ApiException.BadRequest.class);
    }
    assertThatThrownBy(() -> codec.decode(cursor, "tag:b", 1)).isInstanceOf(ApiException.BadRequest.class);
    assertThatThrownBy(() -> codec.decode(cursor, "tag:a", 2)).isInstanceOf(ApiException.BadRequest.class);
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String cursor = codec.encode("posts", List.of("2025-11-03T00:00:00Z", "a-post"));
    for (int i = 0; i < cursor.length(); i++) {
      String edited = cursor.substring(0, i) + (cursor.charAt(i) == 'x' ? 'y' : 'x') + cursor.substring(i + 1);
      assertThatThrownBy(() -> codec.decode(edited, "posts", 2)).as("edit at %d", i).isInstanceOf(ApiException.BadRequest.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "AAAA", "bm90IGEgY3Vyc29y", "=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
  void garbageIsRefused(String cursor) {
    assertThatThrownBy(() -> codec.decode(cursor, "posts", 2))
        .isInstanceOf(ApiException.BadRequest.class);
  }

  @Test
  void refusesAShortKey() {
    assertThatThrownBy(() -> new CursorCodec("short")).isInstanceOf(IllegalArgumentException.class);
  }
}
