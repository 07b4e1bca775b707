package dev.contentfunctions.tables.consultations;

/**
 * What a visitor may type into a booking request that changes how it reads, wherever the coach
 * reads it (the notification e-mail, the spreadsheet export): one rule for both.
 *
 * <p>A line break is any character that a mail client, text viewer or spreadsheet may break a line
 * at: CR and LF, VT, FF, NEL (U+0085), U+2028 and U+2029, where Unicode's line breaking (UAX #14)
 * must break, and U+001C to U+001E, which Unicode counts as paragraph separators (the same list as
 * Python's {@code splitlines}). Java's {@code \R} leaves out U+001C to U+001E, and
 * {@code \p{Cntrl}} is ASCII only: it leaves out NEL, U+2028 and U+2029.
 *
 * <p>Hidden are the other characters that change what is shown without being seen themselves:
 * control characters, bidirectional embeddings, overrides and isolates, zero-width spaces, the byte
 * order mark, lone surrogates. The joiners U+200C and U+200D (emoji, Persian and Indic writing) and
 * the marks U+200E, U+200F and U+061C (right-to-left names, which the booking form accepts) are
 * not: each acts only as one letter of its direction would.
 */
public final class VisitorCharacters {
  private VisitorCharacters() {}

  public static boolean isLineBreak(int c) {
    return (c >= 0x0A && c <= 0x0D) || (c >= 0x1C && c <= 0x1E) || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /** Tab and the line breaks are control characters too: callers decide about them first. */
  public static boolean isHidden(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.SURROGATE -> true;
      case Character.FORMAT -> c != 0x200C && c != 0x200D && c != 0x200E && c != 0x200F && c != 0x061C;
      default -> false;
    };
  }
}
