package dev.contentfunctions.tables.posts;

import java.util.Optional;

/**
 * A post's name in its URL, or a tag: lowercase letters and digits in words joined by single
 * hyphens, at most {@link #MAX_LENGTH} characters (what the publisher writes). Anything else names
 * no post, so the read side never sends it to the table.
 */
public record Slug(String value) {
  public static final int MAX_LENGTH = 100;

  public Slug {
    if (!isValid(value)) {
      throw new IllegalArgumentException("Not a slug.");
    }
  }

  /** The slug, or empty for any text that cannot be one. */
  public static Optional<Slug> parse(String text) {
    return isValid(text) ? Optional.of(new Slug(text)) : Optional.empty();
  }

  // A hand-written scan, not a regular expression: no backtracking on long hostile input.
  private static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    boolean afterHyphen = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '-') {
        if (afterHyphen) {
          return false;
        }
        afterHyphen = true;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        afterHyphen = false;
      } else {
        return false;
      }
    }
    return !afterHyphen;
  }

  @Override
  public String toString() {
    return value;
  }
}
