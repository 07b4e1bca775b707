package dev.contentfunctions.notifier;

import dev.contentfunctions.tables.consultations.VisitorCharacters;
import java.util.List;
import java.util.Locale;

/**
 * One value a visitor typed, made fit for the coach's plain-text e-mail: it can neither start a
 * line that passes for one of the e-mail's own nor hide what it holds.
 *
 * <p>A line break is any character that a mail client or text viewer may break a line at: CR and
 * LF (CRLF counts once), VT, FF, NEL (U+0085), U+2028 and U+2029, where Unicode's line breaking
 * (UAX #14) must break, and U+001C to U+001E, which Unicode counts as paragraph separators (the
 * same list as Python's {@code splitlines}). Java's {@code \R} leaves out U+001C to U+001E, and
 * {@code \p{Cntrl}} is ASCII only: it leaves out NEL, U+2028 and U+2029.
 *
 * <p>Other characters that change what the coach would see without being seen themselves (other
 * control characters, bidirectional embeddings, overrides and isolates, zero-width spaces, the byte
 * order mark, lone surrogates) show as a marker such as {@code [U+202E]}. The joiners U+200C and
 * U+200D (emoji, Persian and Indic writing) and the marks U+200E, U+200F and U+061C (right-to-left
 * names, which the booking form accepts) stay: each acts only as one letter of its direction would.
 *
 * <p>Blank characters at either end are dropped, and only the first {@code max} characters (code
 * points) are kept, so that no stored value can make the e-mail larger than SNS accepts.
 */
final class VisitorText {
  private final String kept;
  private final int length;

  private VisitorText(String kept, int length) {
    this.kept = kept;
    this.length = length;
  }

  /** {@code value} (null reads as nothing typed) without its blank ends, cut after {@code max}. */
  static VisitorText of(String value, int max) {
    String stripped = withoutBlankEnd(withoutBlankStart(value == null ? "" : value));
    int length = stripped.codePointCount(0, stripped.length());
    if (length <= max) {
      return new VisitorText(stripped, length);
    }
    // Cut, the kept part may end in blanks of its own.
    return new VisitorText(
        withoutBlankEnd(stripped.substring(0, stripped.offsetByCodePoints(0, max))), length);
  }

  private static String withoutBlankStart(String text) {
    int start = 0;
    while (start < text.length() && isBlank(text.codePointAt(start))) {
      start += Character.charCount(text.codePointAt(start));
    }
    return text.substring(start);
  }

  private static String withoutBlankEnd(String text) {
    int end = text.length();
    while (end > 0 && isBlank(text.codePointBefore(end))) {
      end -= Character.charCount(text.codePointBefore(end));
    }
    return text.substring(0, end);
  }

  /** Nothing but blanks and line breaks was typed. */
  boolean isBlank() {
    return kept.isEmpty();
  }

  /** Characters typed, after the blank ends: more than were kept when the value was cut. */
  int length() {
    return length;
  }

  boolean isCut() {
    return kept.codePointCount(0, kept.length()) < length;
  }

  /** The value as one line: each line break and each tab is a space. */
  String oneLine() {
    return shown(' ', ' ');
  }

  /** The value's lines, without their line breaks; tabs stay. */
  List<String> lines() {
    return List.of(shown('\n', '\t').split("\n", -1));
  }

  /** The kept text as the class says, with {@code lineBreak} and {@code tab} where those were. */
  private String shown(char lineBreak, char tab) {
    StringBuilder shown = new StringBuilder(kept.length());
    int i = 0;
    while (i < kept.length()) {
      int c = kept.codePointAt(i);
      i += Character.charCount(c);
      if (isLineBreak(c)) {
        if (c == '\r' && i < kept.length() && kept.charAt(i) == '\n') {
          i++;
        }
        shown.append(lineBreak);
      } else if (c == '\t') {
        shown.append(tab);
      } else if (isHidden(c)) {
        shown.append(String.format(Locale.ROOT, "[U+%04X]", c));
      } else {
        shown.appendCodePoint(c);
      }
    }
    return shown.toString();
  }

  /** One rule for every place that shows visitor text (this e-mail, the coach's CSV export). */
  private static boolean isLineBreak(int c) {
    return VisitorCharacters.isLineBreak(c);
  }

  private static boolean isBlank(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || isLineBreak(c);
  }

  private static boolean isHidden(int c) {
    return VisitorCharacters.isHidden(c);
  }
}
