package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.http.Representation;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.tables.posts.InMemoryPostRepository;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.TocEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The website's pages as a link-preview bot reads them (no JavaScript): status, head, JSON-LD,
 * headers, redirects and the 404/400 pages, from the handler over the in-memory posts table.
 */
class SitePagesTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final String HOSTILE = "Love </script><script>alert(1)</script> & \"quotes\" \u2028 <b>";
  private static final String HOSTILE_TAG = "x\"><img src=x onerror=alert(1)>";

  private final InMemoryPostRepository posts = new InMemoryPostRepository();
  private final PostsApiHandler handler =
      new PostsApiHandler(BlogTestBed.config("posts", BlogTestBed.PREVIEW_TOKEN), posts,
          Clock.fixed(NOW, ZoneOffset.UTC), new LocalContext("PostsApiFunction").log());

  SitePagesTest() {
    posts
        .put(post("rebuild-connection", "2025-11-03", false, "Rebuild connection", "emotional-connection", "trust"))
        .put(post("hostile", "2025-10-01", false, HOSTILE, "trust", HOSTILE_TAG))
        .put(post("draft", "2025-12-01", true, "A draft", "trust"))
        .putAlias("old-name", "rebuild-connection");
    for (int i = 1; i <= 11; i++) {
      posts.put(post("older-" + i, "2024-0" + (1 + i % 9) + "-1" + (i % 10), false, "Older " + i, "calm"));
    }
  }

  private static Post post(String slug, String date, boolean draft, String title, String... tags) {
    return new Post(
        slug, title, "About " + title, "Excerpt", Instant.parse(date + "T00:00:00Z"), null, List.of(tags), "Jane Coach",
        draft, PostImage.external("/images/" + slug + ".jpg", ""), List.of(), Map.of(), "<h2 id=\"h-one\">One</h2><p>Body of " + slug + "</p>",
        List.of(new TocEntry(2, "One", "h-one")), 100, 4, "hash", "posts/" + slug + ".md", List.of());
  }

  private APIGatewayV2HTTPResponse get(String pathAndQuery) {
    return get(pathAndQuery, Map.of());
  }

  private APIGatewayV2HTTPResponse get(String pathAndQuery, Map<String, String> headers) {
    return BlogTestBed.invoke(handler, BlogTestBed.event("GET", pathAndQuery, headers));
  }

  /** The page, after the checks every HTML answer must pass. */
  private static Document page(APIGatewayV2HTTPResponse response) {
    assertThat(response.getHeaders()).containsEntry("Content-Type", Responses.HTML)
        .containsEntry("Content-Security-Policy", Responses.PAGE_CSP).containsEntry("X-Content-Type-Options", "nosniff");
    Document document = Jsoup.parse(response.getBody(), "https://coach.example/");
    assertThat(response.getBody()).startsWith("<!doctype html>");
    assertThat(document.select("h1")).hasSize(1);
    assertThat(document.select("html").attr("lang")).isEqualTo("en");
    assertThat(document.select("main#main")).hasSize(1);
    assertThat(document.select("a.skip-link[href=#main]")).hasSize(1);
    assertThat(document.select("link[rel=stylesheet]").attr("href")).isEqualTo("/assets/styles.css");
    assertThat(document.select("link[rel=alternate][type=application/rss+xml]").attr("href")).isEqualTo("https://coach.example/feed.xml");
    assertThat(document.select("footer a").eachAttr("href")).contains("/book", "/privacy", "/feed.xml");
    Set<String> ids = new HashSet<>();
    for (Element element : document.select("[id]")) {
      assertThat(ids.add(element.id())).as("unique id %s", element.id()).isTrue();
    }
    for (Element script : document.select("script")) {
      assertThat(script.attr("type")).isIn("module", "application/ld+json");
      if (script.attr("type").equals("module")) {
        assertThat(script.attr("src")).startsWith("/assets/js/");
        assertThat(script.data()).isEmpty();
      }
    }
    // The strict (XML) parse sees the same elements: nothing was left unclosed that HTML would repair.
    Document strict = Jsoup.parse(response.getBody().replace("<!doctype html>", ""), "", Parser.xmlParser());
    assertThat(strict.select("main").size()).isEqualTo(1);
    return document;
  }

  private static String meta(Document document, String key) {
    Element element = document.selectFirst("meta[property=" + key + "], meta[name=" + key + "]");
    return element == null ? null : element.attr("content");
  }

  private static List<JsonNode> jsonLd(Document document) throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    for (Element script : document.select("script[type=application/ld+json]")) {
      documents.add(Json.MAPPER.readTree(script.data()));
    }
    return documents;
  }

  @Test
  void postPageCarriesItsHeadArticleAndJsonLd() throws Exception {
    APIGatewayV2HTTPResponse response = get("/blog/rebuild-connection");
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", Representation.PUBLIC).containsKey("ETag");
    Document page = page(response);
    assertThat(page.title()).isEqualTo("Rebuild connection | Test Blog");
    assertThat(meta(page, "description")).isEqualTo("About Rebuild connection");
    assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("https://coach.example/blog/rebuild-connection");
    assertThat(meta(page, "og:type")).isEqualTo("article");
    assertThat(meta(page, "og:url")).isEqualTo("https://coach.example/blog/rebuild-connection");
    assertThat(meta(page, "og:image")).isEqualTo("https://coach.example/images/rebuild-connection.jpg");
    assertThat(meta(page, "article:published_time")).isEqualTo("2025-11-03T00:00:00Z");
    assertThat(page.select("meta[property=article:tag]").eachAttr("content")).containsExactly("emotional-connection", "trust");
    assertThat(meta(page, "twitter:card")).isEqualTo("summary_large_image");
    assertThat(meta(page, "robots")).isNull();
    assertThat(page.select("[data-testid=post-title]").text()).isEqualTo("Rebuild connection");
    assertThat(page.select("[data-testid=post-date]").attr("datetime")).isEqualTo("2025-11-03T00:00:00Z");
    assertThat(page.select("[data-testid=post-date]").text()).isEqualTo("November 3, 2025");
    assertThat(page.select("[data-testid=post-reading-time]").text()).isEqualTo("4 min read");
    assertThat(page.select("[data-testid=post-author]").text()).contains("Jane Coach");
    assertThat(page.select("[data-testid=post-toc] a").attr("href")).isEqualTo("#h-one");
    assertThat(page.select("[data-testid=post-body] p").text()).isEqualTo("Body of rebuild-connection");
    assertThat(page.select("[data-testid=back-to-blog]").attr("href")).isEqualTo("/blog/");
    assertThat(page.select("[data-testid=post-cta] h2").text()).isEqualTo("Ready to Transform Your Relationships?");
    assertThat(page.select("[data-testid=cta-book]").attr("href")).isEqualTo("/book");
    assertThat(page.select("#related-heading").text()).isEqualTo("You may also like");
    assertThat(page.select("[data-testid=related-list] [data-testid=post-card] a").eachAttr("href")).contains("/blog/hostile");
    assertThat(page.select("[data-testid=all-posts]").attr("href")).isEqualTo("/blog/");
    List<JsonNode> ld = jsonLd(page);
    assertThat(ld).extracting(node -> node.path("@type").asText()).containsExactly("BlogPosting", "BreadcrumbList");
    assertThat(ld.get(0).path("headline").asText()).isEqualTo("Rebuild connection");
    assertThat(ld.get(0).path("datePublished").asText()).isEqualTo("2025-11-03T00:00:00Z");
    assertThat(ld.get(0).path("author").path("name").asText()).isEqualTo("Jane Coach");
    assertThat(ld.get(0).path("publisher").path("name").asText()).isEqualTo("Test Blog");
    assertThat(ld.get(1).path("itemListElement").get(2).path("item").asText()).isEqualTo("https://coach.example/blog/rebuild-connection");
  }

  @Test
  void hostileTitleIsTextEverywhereAndCannotEndTheJsonLd() throws Exception {
    APIGatewayV2HTTPResponse response = get("/blog/hostile");
    Document page = page(response);
    assertThat(page.selectFirst("[data-testid=post-title]").wholeText()).isEqualTo(HOSTILE);
    assertThat(page.select("[data-testid=post-title] *")).isEmpty();
    assertThat(meta(page, "og:title")).isEqualTo(HOSTILE + " | Test Blog");
    assertThat(meta(page, "og:description")).isEqualTo("About " + HOSTILE);
    assertThat(meta(page, "twitter:description")).isEqualTo("About " + HOSTILE);
    assertThat(page.select("meta[property=article:tag]").eachAttr("content")).contains(HOSTILE_TAG);
    assertThat(page.select("img[onerror], [onerror]")).isEmpty();
    assertThat(page.select("script").stream().filter(s -> s.attr("type").isEmpty())).isEmpty();
    List<JsonNode> ld = jsonLd(page);
    assertThat(ld.get(0).path("headline").asText()).isEqualTo(HOSTILE);
    String block = response.getBody().substring(response.getBody().indexOf("application/ld+json"));
    block = block.substring(0, block.indexOf("</script>"));
    assertThat(block).doesNotContain("<s", "&", "\u2028").contains("\\u003c/script\\u003e");
    // The index's card shows it as text too; a tag that is not a slug has no page, so no link.
    Document index = page(get("/blog/"));
    assertThat(index.select("[onerror]")).isEmpty();
    assertThat(index.select("span.tag").eachText()).contains(HOSTILE_TAG);
    assertThat(index.select("a.tag").eachAttr("href")).allMatch(href -> href.matches("/blog/tag/[a-z0-9-]+/"));
    assertThat(get("/blog/tag/x%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/").getStatusCode()).isEqualTo(404);
    assertThat(page(get("/blog/")).select("[data-testid=post-card] h2 a").stream().map(Element::wholeText)).contains(HOSTILE);
  }

  @Test
  void homeHasOrganizationAndNewestPosts() throws Exception {
    Document page = page(get("/"));
    assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("https://coach.example/");
    assertThat(meta(page, "og:type")).isEqualTo("website");
    assertThat(jsonLd(page)).extracting(n -> n.path("@type").asText()).containsExactly("Organization");
    assertThat(jsonLd(page).get(0).path("name").asText()).isEqualTo("Test Blog");
    assertThat(page.select("[data-testid=post-card] h2 a").eachAttr("href"))
        .containsExactly("/blog/rebuild-connection", "/blog/hostile", "/blog/older-8");
  }

  @Test
  void blogIndexPaginatesWithACursorThatThePostsApiAccepts() throws Exception {
    Document first = page(get("/blog/"));
    assertThat(first.select("[data-testid=post-list] [data-testid=post-card]")).hasSize(10);
    Element more = first.selectFirst("a[rel=next][data-testid=load-more]");
    assertThat(more.attr("href")).startsWith("/blog/?cursor=");
    String cursor = more.attr("href").substring("/blog/?cursor=".length());
    Document second = page(get(more.attr("href")));
    assertThat(second.select("[data-testid=post-card]")).hasSize(3);
    assertThat(second.select("[data-testid=load-more]")).isEmpty();
    JsonNode json = BlogTestBed.json(get("/posts?cursor=" + cursor));
    assertThat(json.path("posts")).hasSize(3);
    assertThat(second.select("[data-testid=post-card] h2 a").eachAttr("href"))
        .containsExactlyElementsOf(json.path("posts").findValuesAsText("slug").stream().map(s -> "/blog/" + s).toList());
  }

  @Test
  void tagPageListsItsPostsWithBreadcrumbs() throws Exception {
    Document page = page(get("/blog/tag/trust/"));
    assertThat(page.select("h1").text()).contains("trust");
    assertThat(page.select("[data-testid=post-card] h2 a").eachAttr("href")).containsExactly("/blog/rebuild-connection", "/blog/hostile");
    assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo("https://coach.example/blog/tag/trust/");
    assertThat(jsonLd(page)).extracting(n -> n.path("@type").asText()).containsExactly("BreadcrumbList");
    assertThat(page(get("/blog/")).select("a.tag").eachAttr("href")).contains("/blog/tag/trust/");
  }

  @Test
  void staticPagesRender() {
    Document book = page(get("/book"));
    assertThat(book.select("form[data-testid=booking-form]").attr("action")).isEqualTo("/consultations");
    assertThat(book.select("form[data-testid=booking-form]").attr("method")).isEqualTo("post");
    assertThat(book.select("#consent-hint a").attr("href")).isEqualTo("/privacy");
    assertThat(book.select("script[type=module]").attr("src")).isEqualTo("/assets/js/book.js");
    Document privacy = page(get("/privacy"));
    assertThat(privacy.text()).contains("365 days", "salted hashes", "35 days", "24 hours", "14 days", "kept for 30 days");
    Document thanks = page(get("/thank-you"));
    assertThat(thanks.select("[data-testid=thank-you-message]")).hasSize(1);
    APIGatewayV2HTTPResponse robots = get("/robots.txt");
    assertThat(robots.getHeaders().get("Content-Type")).startsWith("text/plain");
    assertThat(robots.getBody()).contains("Sitemap: https://coach.example/sitemap.xml");
  }

  @Test
  void etagAnswers304WithThePageCsp() {
    String etag = get("/blog/").getHeaders().get("ETag");
    APIGatewayV2HTTPResponse again = get("/blog/", Map.of("if-none-match", etag));
    assertThat(again.getStatusCode()).isEqualTo(304);
    assertThat(again.getHeaders()).containsEntry("Content-Security-Policy", Responses.PAGE_CSP);
  }

  @Test
  void previewIsPrivateAndNoindex() {
    APIGatewayV2HTTPResponse response = get("/blog/draft", Map.of("x-preview-token", BlogTestBed.PREVIEW_TOKEN));
    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "private, no-store");
    Document page = page(response);
    assertThat(meta(page, "robots")).isEqualTo("noindex");
    assertThat(page.select("[data-testid=post-preview]")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/blog/draft", "/blog/no-such-post", "/nothing-here", "/blog/tag/no-such-tag/", "/blog/UPPER",
      "/blog/%3Cscript%3E", "/blog/a/b/c", "/blog/tag/x/y", "/wp-admin.php", "/posts.html"})
  void unknownOrHiddenPathsGetThe404Page(String path) {
    APIGatewayV2HTTPResponse response = get(path);
    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders().get("Cache-Control")).isEqualTo("public, max-age=60, s-maxage=60");
    Document page = page(response);
    assertThat(page.select("h1").text()).isEqualTo("Page not found");
    assertThat(meta(page, "robots")).isEqualTo("noindex");
    assertThat(page.select("main a").eachAttr("href")).contains("/blog/", "/");
  }

  @Test
  void unknownPathsInTheApisOwnSpaceStayProblems() {
    for (String path : new String[] {"/posts/a/b/c", "/tags/x"}) {
      APIGatewayV2HTTPResponse response = get(path);
      assertThat(response.getStatusCode()).as(path).isEqualTo(404);
      assertThat(response.getHeaders().get("Content-Type")).as(path).startsWith("application/problem+json");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/blog/?cursor=not-a-cursor", "/blog/?a=%zz", "/blog/?cursor=a&cursor=b", "/blog/rebuild-connection?x=%ff"})
  void malformedQueriesGetThe400Page(String pathAndQuery) {
    // As API Gateway passes it: the raw query, which the test builder would refuse to decode.
    String[] parts = pathAndQuery.split("\\?", 2);
    var event = BlogTestBed.event("GET", parts[0], Map.of());
    event.setRawQueryString(parts[1]);
    APIGatewayV2HTTPResponse response = BlogTestBed.invoke(handler, event);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    assertThat(meta(page(response), "robots")).isEqualTo("noindex");
  }

  @Test
  void aCursorOfAnotherListingIsA400() {
    String href = page(get("/blog/")).selectFirst("[data-testid=load-more]").attr("href");
    assertThat(get("/blog/tag/calm/" + href.substring("/blog/".length())).getStatusCode()).isEqualTo(400);
  }

  @Test
  void redirects() {
    assertRedirect("/blog/old-name", "/blog/rebuild-connection");
    assertRedirect("/blog", "/blog/");
    assertRedirect("/blog/?tag=trust", "/blog/tag/trust/");
    assertRedirect("/blog/tag/trust", "/blog/tag/trust/");
    assertRedirect("/blog/rebuild-connection/", "/blog/rebuild-connection");
    assertRedirect("/book.html", "/book");
    assertRedirect("/book/", "/book");
    assertRedirect("/thank-you.html", "/thank-you");
    assertRedirect("/index.html", "/");
    assertRedirect("/blog/index.html", "/blog/");
    assertRedirect("/blog/post.html?slug=rebuild-connection", "/blog/rebuild-connection");
  }

  private void assertRedirect(String from, String to) {
    APIGatewayV2HTTPResponse response = get(from);
    assertThat(response.getStatusCode()).as(from).isEqualTo(301);
    assertThat(response.getHeaders()).as(from).containsEntry("Location", to);
  }

  @Test
  void otherMethodsGet405AndHeadHasNoBody() {
    APIGatewayV2HTTPResponse post = BlogTestBed.invoke(handler, BlogTestBed.event("POST", "/blog/", Map.of()));
    assertThat(post.getStatusCode()).isEqualTo(405);
    assertThat(post.getHeaders()).containsEntry("Allow", "GET, HEAD");
    APIGatewayV2HTTPResponse head = BlogTestBed.invoke(handler, BlogTestBed.event("HEAD", "/blog/", Map.of()));
    assertThat(head.getStatusCode()).isEqualTo(200);
    assertThat(head.getBody()).isNullOrEmpty();
  }

  @Test
  void privacyPageGivesTheStacksRetentionPeriods() {
    PostsApiHandler shorter = new PostsApiHandler(
        new PostsApiConfig("posts", "https://coach.example", "Test Blog", null, BlogTestBed.HASHING_SECRET, null, 90, 7), posts,
        Clock.fixed(NOW, ZoneOffset.UTC), new LocalContext("PostsApiFunction").log());

    String text = Jsoup.parse(BlogTestBed.invoke(shorter, BlogTestBed.event("GET", "/privacy", Map.of())).getBody()).text();

    assertThat(text).contains("deleted automatically 90 days after it was sent", "kept for 7 days").doesNotContain("365");
  }

  @Test
  void withoutSiteUrlTheVerifiedForwardedHostOrTheHostNamesTheSite() {
    PostsApiHandler open = new PostsApiHandler(
        new PostsApiConfig("posts", null, "Test Blog", null, BlogTestBed.HASHING_SECRET, "verify-secret"), posts,
        Clock.fixed(NOW, ZoneOffset.UTC), new LocalContext("PostsApiFunction").log());
    String canonical = Jsoup.parse(BlogTestBed.invoke(open, BlogTestBed.event("GET", "/book",
        Map.of("host", "abc.execute-api.example", "x-forwarded-host", "coach.example", "x-origin-verify", "verify-secret")))
        .getBody()).select("link[rel=canonical]").attr("href");
    assertThat(canonical).isEqualTo("https://coach.example/book");
    String forged = Jsoup.parse(BlogTestBed.invoke(open, BlogTestBed.event("GET", "/book",
        Map.of("host", "abc.execute-api.example", "x-forwarded-host", "evil.example", "x-origin-verify", "wrong")))
        .getBody()).select("link[rel=canonical]").attr("href");
    assertThat(forged).isEqualTo("https://abc.execute-api.example/book");
    String local = Jsoup.parse(BlogTestBed.invoke(open, BlogTestBed.event("GET", "/book", Map.of("host", "127.0.0.1:3000")))
        .getBody()).select("link[rel=canonical]").attr("href");
    assertThat(local).isEqualTo("http://127.0.0.1:3000/book");
    assertThat(BlogTestBed.invoke(open, BlogTestBed.event("GET", "/book", Map.of("host", "evil\"><x")))
        .getStatusCode()).isEqualTo(400);
  }

  @Test
  void sitemapIsAnIndexOfPagesThatListThePagesEveryTagAndEveryPost() {
    String index = get("/sitemap.xml").getBody();
    List<String> sitemaps = Jsoup.parse(index, "", Parser.xmlParser()).select("sitemapindex > sitemap > loc").eachText();
    assertThat(sitemaps).first().isEqualTo("https://coach.example/sitemaps/pages.xml");
    assertThat(sitemaps).allMatch(loc -> loc.matches("https://coach.example/sitemaps/(pages|posts-[0-9]{4}-[0-9]{2})\\.xml"));
    StringBuilder all = new StringBuilder();
    for (String sitemap : sitemaps) {
      APIGatewayV2HTTPResponse page = get(sitemap.substring("https://coach.example".length()));
      assertThat(page.getStatusCode()).as(sitemap).isEqualTo(200);
      assertThat(page.getHeaders().get("Content-Type")).startsWith("application/xml");
      all.append(page.getBody());
      for (String loc : Jsoup.parse(page.getBody(), "", Parser.xmlParser()).select("urlset > url > loc").eachText()) {
        assertThat(get(loc.substring("https://coach.example".length())).getStatusCode()).as(loc).isEqualTo(200);
      }
    }
    assertThat(all.toString()).contains("<loc>https://coach.example/</loc>", "<loc>https://coach.example/blog/</loc>",
        "<loc>https://coach.example/blog/tag/trust/</loc>", "<loc>https://coach.example/blog/tag/calm/</loc>",
        "<loc>https://coach.example/book</loc>", "<loc>https://coach.example/privacy</loc>",
        "<loc>https://coach.example/blog/rebuild-connection</loc>").doesNotContain("draft");
  }

  @Test
  void aSitemapPageOfAMonthWithoutPostsOrMisspeltIsTheSitesNotFoundPage() {
    for (String path : List.of("/sitemaps/posts-1999-01.xml", "/sitemaps/posts-2025-1.xml", "/sitemaps/posts-2025-13.xml", "/sitemaps/other.xml")) {
      APIGatewayV2HTTPResponse response = get(path);
      assertThat(response.getStatusCode()).as(path).isEqualTo(404);
      assertThat(response.getHeaders().get("Content-Type")).as(path).startsWith("text/html");
    }
  }
}
