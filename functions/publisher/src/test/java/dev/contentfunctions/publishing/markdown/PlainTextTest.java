package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void textWithinTheLimitIsNotCut() {
    assertThat(PlainText.shorten("Exactly ten", 11)).isEqualTo("Exactly ten");
  }

  @Test
  void longTextIsCutAtTheLastWholeWordWithEllipsis() {
    assertThat(PlainText.shorten("Longing opens the heart", 16)).isEqualTo("Longing opens…");
  }

  @Test
  void cutDropsDanglingPunctuation() {
    assertThat(PlainText.shorten("Gentleness, presence, and care", 22))
        .isEqualTo("Gentleness, presence…");
  }

  @Test
  void oneWordLongerThanTheLimitIsCutMidWord() {
    assertThat(PlainText.shorten("Supercalifragilistic", 10)).isEqualTo("Supercali…");
  }

  @Test
  void cutNeverSplitsASurrogatePair() {
    assertThat(PlainText.shorten("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
  }

  @Test
  void wordsAreRunsWithALetterOrDigit() {
    assertThat(PlainText.countWords("It’s a well-known fact — 2 of 3 agree… ↩")).isEqualTo(8);
  }

  @Test
  void noBreakSpacesSeparateWords() {
    assertThat(PlainText.countWords("todo\u00A0item")).isEqualTo(2);
  }

  @Test
  void emptyTextHasNoWords() {
    assertThat(PlainText.countWords("  \n ")).isZero();
  }
}
