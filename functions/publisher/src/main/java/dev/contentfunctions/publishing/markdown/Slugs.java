package dev.contentfunctions.publishing.markdown;

import dev.contentfunctions.publishing.InvalidPostException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Slugs: the lowercase, hyphenated names that appear in a post's web address. */
public final class Slugs {
  static final int MAX_LENGTH = 100;

  private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");
  private static final String RULE =
      "lowercase letters a-z and digits, with single hyphens between words, at most "
          + MAX_LENGTH
          + " characters, e.g. my-first-post";

  private Slugs() {}

  /**
   * The slug of the post stored under {@code s3Key}: its file name without folders and without its
   * extension ({@code .md}, {@code .markdown}), slugified: {@code posts/Café Talk.md} becomes {@code
   * cafe-talk}, {@code posts/Post.MD} becomes {@code post}.
   *
   * @throws InvalidPostException if the file name has no letters or digits, or is too long
   */
  public static String fromKey(String s3Key) {
    String name = s3Key.substring(s3Key.lastIndexOf('/') + 1);
    if (name.lastIndexOf('.') >= 0) {
      name = name.substring(0, name.lastIndexOf('.'));
    }
    String slug = slugify(name);
    if (slug.isEmpty()) {
      throw new InvalidPostException(
          "The file name '" + name + "' has no letters or digits to build a web address from.");
    }
    if (slug.length() > MAX_LENGTH) {
      throw new InvalidPostException(
          "The file name '"
              + name
              + "' is too long for a web address: use at most "
              + MAX_LENGTH
              + " characters.");
    }
    return slug;
  }

  /** Whether {@code slug} is {@code [a-z0-9]+(-[a-z0-9]+)*} and at most 100 characters long. */
  public static boolean isValid(String slug) {
    return slug != null && slug.length() <= MAX_LENGTH && VALID.matcher(slug).matches();
  }

  /**
   * Returns {@code slug} if it is valid.
   *
   * @param field the front matter field it came from, named in the message
   * @throws InvalidPostException naming the field and the rule otherwise
   */
  public static String requireValid(String slug, String field) {
    if (!isValid(slug)) {
      throw new InvalidPostException(
          "Front matter: '" + field + "' must be " + RULE + " (found '" + slug + "').");
    }
    return slug;
  }

  /**
   * Lowercase, accents removed, every run of other characters turned into one hyphen, no hyphen at
   * either end; may return an empty string.
   */
  static String slugify(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    String ascii = foldLetters(COMBINING_MARKS.matcher(decomposed).replaceAll(""));
    String hyphenated = NOT_ALPHANUMERIC.matcher(ascii).replaceAll("-");
    int start = hyphenated.startsWith("-") ? 1 : 0;
    int end = hyphenated.endsWith("-") ? hyphenated.length() - 1 : hyphenated.length();
    return start >= end ? "" : hyphenated.substring(start, end);
  }

  // Letters that Unicode does not decompose into a base letter plus accent.
  private static String foldLetters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case 'ß' -> out.append("ss");
        case 'æ' -> out.append("ae");
        case 'œ' -> out.append("oe");
        case 'ø' -> out.append('o');
        case 'ł' -> out.append('l');
        case 'đ', 'ð' -> out.append('d');
        case 'þ' -> out.append("th");
        case 'ı' -> out.append('i');
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
