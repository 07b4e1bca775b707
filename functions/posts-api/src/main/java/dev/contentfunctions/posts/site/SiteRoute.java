package dev.contentfunctions.posts.site;

import dev.contentfunctions.http.Query;
import java.util.Map;
import java.util.Set;

/**
 * Which page a path names, or where it moved: the site's URLs of docs (site contract), the old
 * static pages' addresses and the trailing-slash rules. Knows nothing of posts: a slug or tag is
 * passed on as written, and whether it exists is the page's to say.
 */
public final class SiteRoute {
  public enum Kind { HOME, BLOG, TAG, POST, BOOK, THANK_YOU, PRIVACY, ROBOTS }

  public sealed interface Target permits Page, Redirect, Missing {}

  /** @param value the tag or slug of a TAG or POST page, as the path has it; else null */
  public record Page(Kind kind, String value) implements Target {}

  /** A 301 to {@code location}, a path of the site with its query. */
  public record Redirect(String location) implements Target {}

  public record Missing() implements Target {}

  private static final Map<String, Kind> FIXED =
      Map.of("/", Kind.HOME, "/blog/", Kind.BLOG, "/book", Kind.BOOK, "/thank-you", Kind.THANK_YOU,
          "/privacy", Kind.PRIVACY, "/robots.txt", Kind.ROBOTS);

  /** The old static site's pages, and the slash-less or slashed twin of each page. */
  private static final Map<String, String> MOVED =
      Map.of("/index.html", "/", "/blog/index.html", "/blog/", "/book.html", "/book",
          "/thank-you.html", "/thank-you", "/blog", "/blog/", "/book/", "/book",
          "/thank-you/", "/thank-you", "/privacy/", "/privacy");

  private SiteRoute() {}

  public static Target match(String path, Query query) {
    if (path.equals("/blog/") && query.value("tag") != null) {
      return new Redirect(Links.tag(query.value("tag")));
    }
    if (path.equals("/blog/post.html")) {
      String slug = query.value("slug");
      return slug == null ? new Missing() : new Redirect(withQuery(Links.post(slug), query.without(Set.of("slug"))));
    }
    Kind kind = FIXED.get(path);
    if (kind != null) {
      return new Page(kind, null);
    }
    if (MOVED.containsKey(path)) {
      return new Redirect(withQuery(MOVED.get(path), query.without(Set.of())));
    }
    String[] parts = path.split("/", -1);
    // "/blog/tag/x/" splits to ["", "blog", "tag", "x", ""].
    if (parts.length >= 4 && parts[0].isEmpty() && parts[1].equals("blog") && parts[2].equals("tag") && !parts[3].isEmpty()) {
      if (parts.length == 5 && parts[4].isEmpty()) {
        return new Page(Kind.TAG, parts[3]);
      }
      if (parts.length == 4) {
        return new Redirect(withQuery(path + "/", query.without(Set.of())));
      }
      return new Missing();
    }
    if (parts.length >= 3 && parts[0].isEmpty() && parts[1].equals("blog") && !parts[2].isEmpty()) {
      if (parts.length == 3) {
        return new Page(Kind.POST, parts[2]);
      }
      if (parts.length == 4 && parts[3].isEmpty()) {
        return new Redirect(withQuery(path.substring(0, path.length() - 1), query.without(Set.of())));
      }
    }
    return new Missing();
  }

  static String withQuery(String path, String query) {
    return query.isEmpty() ? path : path + "?" + query;
  }
}
