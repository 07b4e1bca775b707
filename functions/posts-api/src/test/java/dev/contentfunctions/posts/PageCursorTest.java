package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.ApiException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {
  private static final String KEY = "2025-11-03T00:00:00Z#a-post";

  @Test
  void cursorRoundTripsForItsListing() {
    assertThat(PageCursor.decode(PageCursor.encode("TAG#calm", KEY), "TAG#calm")).isEqualTo(KEY);
  }

  @Test
  void cursorOfAnotherListingIsRefused() {
    String cursor = PageCursor.encode("TAG#calm", KEY);

    assertThatThrownBy(() -> PageCursor.decode(cursor, "PUBLISHED"))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("another listing");
  }

  @Test
  void forgedCursorWithASlugLongerThanAnyPostsIsRefused() {
    String longest = "2025-11-03T00:00:00Z#" + "a".repeat(100);
    String tooLong = longest + "a";

    assertThat(PageCursor.decode(PageCursor.encode("PUBLISHED", longest), "PUBLISHED")).isEqualTo(longest);
    assertThatThrownBy(() -> PageCursor.decode(PageCursor.encode("PUBLISHED", tooLong), "PUBLISHED"))
        .isInstanceOf(ApiException.BadRequest.class);
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String cursor = PageCursor.encode("PUBLISHED", KEY);
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = cursor.charAt(i) == 'x' ? 'y' : 'x';
      String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThatThrownBy(() -> PageCursor.decode(edited, "PUBLISHED"))
          .as("edit at %d", i)
          .isInstanceOf(ApiException.BadRequest.class);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "!!!", "AAAA", "bm90IGEgY3Vyc29y"})
  void garbageIsRefused(String cursor) {
    assertThatThrownBy(() -> PageCursor.decode(cursor, "PUBLISHED")).isInstanceOf(ApiException.BadRequest.class);
  }

  @Test
  void wellSignedButMalformedSortKeyIsRefused() {
    String cursor = PageCursor.encode("PUBLISHED", "not-a-sort-key");

    assertThatThrownBy(() -> PageCursor.decode(cursor, "PUBLISHED")).isInstanceOf(ApiException.BadRequest.class);
    assertThat(Base64.getUrlDecoder().decode(cursor)).isNotEmpty();
  }
}
