package dev.contentfunctions.publishing.markdown;

/** Measuring and shortening the plain text of a post. */
final class PlainText {
  private static final char ELLIPSIS = '…';
  private static final String TRAILING_PUNCTUATION = ",;:-–—";

  private PlainText() {}

  /**
   * {@code text} if it has at most {@code max} characters; otherwise cut at the last space that
   * leaves room for "…", without dangling punctuation, and ended with "…".
   */
  static String shorten(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    int space = end;
    while (space > 0 && !isSpace(text.charAt(space))) {
      space--;
    }
    if (space > 0) {
      end = space;
    } else if (Character.isHighSurrogate(text.charAt(end - 1))) {
      // One word longer than the limit is cut mid-word, but never inside a surrogate pair.
      end--;
    }
    while (end > 0
        && (isSpace(text.charAt(end - 1))
            || TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0)) {
      end--;
    }
    return text.substring(0, end) + ELLIPSIS;
  }

  /** Runs of non-space characters that contain at least one letter or digit. */
  static int countWords(String text) {
    int words = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (isSpace(c)) {
        inWord = false;
      } else if (!inWord && Character.isLetterOrDigit(c)) {
        inWord = true;
        words++;
      }
    }
    return words;
  }

  private static boolean isSpace(int c) {
    // isSpaceChar covers the no-break space that task lists and typographic output contain.
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
