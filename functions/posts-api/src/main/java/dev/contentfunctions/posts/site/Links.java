package dev.contentfunctions.posts.site;

import dev.contentfunctions.tables.posts.Slug;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The site's own links and how the pages show dates and tags: one place, for templates and sitemap alike. */
public final class Links {
  /** The day a post is dated, read in UTC as the JavaScript cards do: "November 3, 2025". */
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US).withZone(ZoneOffset.UTC);

  private Links() {}

  public static String post(String slug) {
    return "/blog/" + segment(slug);
  }

  public static String tag(String tag) {
    return "/blog/tag/" + segment(tag) + "/";
  }

  /**
   * Whether a tag has a page: only a tag that is a slug can be listed (as the JSON's {@code tag}
   * parameter), so any other is shown without a link and left out of the sitemap.
   */
  public static boolean hasPage(String tag) {
    return Slug.parse(tag).isPresent();
  }

  /** "emotional-connection" -> "emotional connection", as the cards show a tag. */
  public static String tagLabel(String tag) {
    return tag.replace('-', ' ');
  }

  public static String date(Instant instant) {
    return DATE.format(instant);
  }

  /** A value as one path segment: a stored slug or tag is already safe, but a link never trusts that. */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
