package dev.contentfunctions.posts;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The pages of the sitemap its index ({@code /sitemap.xml}) points at: {@code /sitemaps/pages.xml}
 * (the site's own pages) and {@code /sitemaps/posts-2025-11.xml} (a month's posts). Served on the
 * site's paths, through the $default route like the pages, so the CDN caches them as the others.
 *
 * @param month the month of a posts page; null for the site's pages
 */
record SitemapPage(YearMonth month) {
  static final String PREFIX = "/sitemaps/";
  static final String PAGES_PATH = PREFIX + "pages.xml";
  private static final String POSTS = "posts-";

  static String monthPath(YearMonth month) {
    return PREFIX + POSTS + month + ".xml";
  }

  /** The sitemap page a path names; empty for any other path, and for a month written otherwise. */
  static Optional<SitemapPage> parse(String path) {
    if (path.equals(PAGES_PATH)) {
      return Optional.of(new SitemapPage(null));
    }
    if (!path.startsWith(PREFIX + POSTS) || !path.endsWith(".xml")) {
      return Optional.empty();
    }
    String month = path.substring((PREFIX + POSTS).length(), path.length() - ".xml".length());
    // Only the canonical spelling ("2025-11"), so each page has one URL.
    if (!month.matches("[0-9]{4}-[0-9]{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SitemapPage(YearMonth.parse(month)));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
