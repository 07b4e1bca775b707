package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every internal link of the site answers: crawled from {@code /} through every page's {@code
 * href} and {@code src}, plus every URL of the feed and the sitemap (rewritten to the local
 * origin), each answers 200; the old URLs answer the 301 the site contract gives them.
 */
class LinkCheckIT {
  private static final Pattern LINK = Pattern.compile("\\s(?:href|src)=\"([^\"]*)\"");
  private static final Pattern FEED_LINK = Pattern.compile("<link>([^<]+)</link>");
  private static final Pattern SITEMAP_LOC = Pattern.compile("<loc>([^<]+)</loc>");
  private static final Pattern ORIGIN = Pattern.compile("^https?://[^/]+");

  /** A bound on the crawl, far above the site's size, so that a link loop cannot hang the test. */
  private static final int MAX_URLS = 400;

  @TempDir static Path temp;
  private static SiteRun site;

  @BeforeAll
  static void start() throws Exception {
    site = SiteRun.start(temp);
  }

  @AfterAll
  static void stop() throws Exception {
    if (site != null) {
      site.close();
    }
  }

  @Test
  void everyInternalLinkFromTheHomePageAnswers200() {
    Map<String, Integer> statuses = crawl(List.of("/"));

    assertThat(statuses.keySet())
        .as("the crawl reached the site's pages")
        .contains("/blog/", "/book", "/privacy", "/blog/" + SiteRun.SEED, "/assets/styles.css");
    assertThat(broken(statuses)).isEmpty();
  }

  @Test
  void everyUrlOfTheFeedAndTheSitemapAnswers200() {
    List<String> listed = new ArrayList<>();
    // The sitemap is an index: the sitemaps it names are read in turn, and their URLs listed too.
    List<String> documents = new ArrayList<>(List.of("/feed.xml", "/sitemap.xml"));
    for (int i = 0; i < documents.size(); i++) {
      String body = site.get(documents.get(i)).body();
      for (Pattern pattern : new Pattern[] {FEED_LINK, SITEMAP_LOC}) {
        Matcher m = pattern.matcher(body);
        while (m.find()) {
          String path = local(unescape(m.group(1).trim()));
          listed.add(path);
          if (path.startsWith("/sitemaps/") && !documents.contains(path)) {
            documents.add(path);
          }
        }
      }
    }

    assertThat(listed)
        .as("the feed's and the sitemap's URLs")
        .contains("/", "/blog/", "/book", "/privacy", "/blog/" + SiteRun.SEED);
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String path : new LinkedHashSet<>(listed)) {
      statuses.put(path, site.get(path).statusCode());
    }
    assertThat(broken(statuses)).isEmpty();
  }

  @Test
  void oldUrlsAnswerTheirPermanentRedirects() {
    Map<String, String> moved =
        Map.of(
            "/book.html", "/book",
            "/thank-you.html", "/thank-you",
            "/index.html", "/",
            "/blog/index.html", "/blog/",
            "/blog/post.html?slug=" + SiteRun.SEED, "/blog/" + SiteRun.SEED,
            "/blog", "/blog/",
            "/blog/?tag=communication", "/blog/tag/communication/",
            "/blog/tag/communication", "/blog/tag/communication/");
    moved.forEach(
        (from, to) -> {
          HttpResponse<String> response = site.get(from);
          assertThat(response.statusCode()).as(from).isEqualTo(301);
          assertThat(response.headers().firstValue("location").map(LinkCheckIT::local))
              .as(from)
              .hasValue(to);
          assertThat(site.get(to).statusCode()).as(to).isEqualTo(200);
        });
  }

  /** Breadth first over the internal links of every HTML answer. */
  private static Map<String, Integer> crawl(List<String> start) {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    Deque<String> queue = new ArrayDeque<>(start);
    Set<String> seen = new LinkedHashSet<>(start);
    while (!queue.isEmpty()) {
      assertThat(seen.size()).as("URLs found: the crawl stays bounded").isLessThan(MAX_URLS);
      String path = queue.removeFirst();
      HttpResponse<String> response = site.get(path);
      statuses.put(path, response.statusCode());
      boolean html =
          response.headers().firstValue("content-type").orElse("").startsWith("text/html");
      if (response.statusCode() != 200 || !html) {
        continue;
      }
      Matcher m = LINK.matcher(response.body());
      while (m.find()) {
        String link = internal(path, unescape(m.group(1)));
        if (link != null && seen.add(link)) {
          queue.addLast(link);
        }
      }
    }
    return statuses;
  }

  /** The link's path and query on this site, or null for another site's, mailto: and the like. */
  private static String internal(String base, String href) {
    URI uri = URI.create(site.url(base)).resolve(href.replace(" ", "%20"));
    String origin = site.url("");
    if (!uri.toString().startsWith(origin)) {
      return null;
    }
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return path.isEmpty() ? "/" : path;
  }

  /** The path and query of an absolute URL of the site, whatever its origin (SiteUrl). */
  private static String local(String url) {
    String path = ORIGIN.matcher(url).replaceFirst("");
    return path.isEmpty() ? "/" : path;
  }

  private static List<String> broken(Map<String, Integer> statuses) {
    return statuses.entrySet().stream()
        .filter(e -> e.getValue() != 200)
        .map(e -> e.getValue() + " " + e.getKey())
        .toList();
  }

  private static String unescape(String attribute) {
    return attribute
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
