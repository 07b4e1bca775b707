package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.publishing.InvalidPostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "posts/how-to-rebuild-emotional-connection-after-a-hard-season.md |"
            + " how-to-rebuild-emotional-connection-after-a-hard-season",
        "posts/2025/Listening Without Fixing.md                           |"
            + " listening-without-fixing",
        "posts/Café Crème.MD                                              | cafe-creme",
        "Straße für Ærø.md                                                | strasse-fur-aero",
        "posts/--Hello__World!!--.md                                      | hello-world",
        "posts/10 ways, 3 tips.md                                         | 10-ways-3-tips",
        "posts/Post.MD                                                    | post",
        "posts/Long Read.Markdown                                         | long-read",
        "posts/v1.2 notes.md                                              | v1-2-notes",
        "posts/a.md.md                                                    | a-md"
      })
  void fromKeyTakesTheFileNameWithoutExtensionAndSlugifiesIt(String key, String slug) {
    assertThat(Slugs.fromKey(key)).isEqualTo(slug);
  }

  @Test
  void fromKeyRejectsANameWithoutLettersOrDigits() {
    assertThatThrownBy(() -> Slugs.fromKey("posts/¿¡!.md"))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("'¿¡!'")
        .hasMessageContaining("no letters or digits");
  }

  @Test
  void fromKeyRejectsANameTooLongForAnAddress() {
    assertThatThrownBy(() -> Slugs.fromKey("posts/" + "a".repeat(101) + ".md"))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("at most 100");
    assertThat(Slugs.fromKey("posts/" + "a".repeat(100) + ".md")).hasSize(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "post", "my-first-post", "2025-11-03", "a1-b2-c3"})
  void validSlugs(String slug) {
    assertThat(Slugs.isValid(slug)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "My-Post", "my_post", "my--post", "-post", "post-", "café", "my post", "a/b"})
  void invalidSlugs(String slug) {
    assertThat(Slugs.isValid(slug)).isFalse();
  }

  @Test
  void slugsLongerThanOneHundredCharactersAreInvalid() {
    assertThat(Slugs.isValid("a".repeat(100))).isTrue();
    assertThat(Slugs.isValid("a".repeat(101))).isFalse();
    assertThat(Slugs.isValid(null)).isFalse();
  }

  @Test
  void requireValidReturnsAValidSlug() {
    assertThat(Slugs.requireValid("my-post", "slug")).isEqualTo("my-post");
  }

  @Test
  void requireValidNamesTheFieldAndShowsTheRule() {
    assertThatThrownBy(() -> Slugs.requireValid("My Post", "aliases"))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("'aliases'")
        .hasMessageContaining("'My Post'")
        .hasMessageContaining("lowercase letters a-z and digits")
        .hasMessageContaining("e.g. my-first-post");
  }
}
