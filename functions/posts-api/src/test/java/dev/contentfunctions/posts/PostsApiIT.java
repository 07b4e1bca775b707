package dev.contentfunctions.posts;

import static dev.contentfunctions.posts.BlogTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.http.Representation;
import dev.contentfunctions.tables.posts.PostMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import org.jsoup.Jsoup;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint against a blog published through the real publisher on moto. The blog is built
 * once for the class; tests only read it, except where they publish posts of their own slugs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostsApiIT {
  /** Plain text, as every description is: a reader must show it exactly like this. */
  private static final String MARKUP_DESCRIPTION =
      "Use <script>alert(1)</script> and <b>bold</b> & &amp; \"double\" 'single' a<b c>d";

  private final BlogTestBed blog = new BlogTestBed();
  private final List<String> numberedNewestFirst = new ArrayList<>();

  @BeforeAll
  void publishBlog() {
    blog.publishSamplePosts();
    for (int i = 1; i <= 23; i++) {
      String slug = String.format("numbered-%02d", i);
      blog.publish(slug, "Numbered " + i, String.format("2024-01-%02d", i), "tags: [numbered" + (i % 2 == 0 ? ", even" : "") + "]\n");
      numberedNewestFirst.add(0, slug);
    }
    blog.publish("a-draft", "A draft", "2025-12-01", "draft: true\ntags: [numbered]\n");
    blog.publish("scheduled", "Scheduled", "2026-03-01", "tags: [numbered]\n");
    blog.publish("renamed-now", "Renamed", "2025-06-01", "aliases: [renamed-before]\n");
    blog.publish("posts/removed.md", "---\ntitle: Removed\ndate: 2025-06-02\n---\nGone soon.\n");
    blog.remove("posts/removed.md");
    blog.publish("fish-chips", "Fish & <Chips>", "2025-12-24", "tags: [food]\n");
    blog.publish(
        "posts/markup-in-description.md",
        "---\ntitle: Markup in the description\ndate: 2025-02-01\ndescription: '" + MARKUP_DESCRIPTION.replace("'", "''")
            + "'\n---\n\nHello **world** & <em>friends</em> <script>alert(1)</script>.\n");
    blog.publish("secret-draft", "Secret draft", "2025-12-02", "draft: true\naliases: [alias-of-draft]\n");
    blog.publish("secret-scheduled", "Secret scheduled", "2026-04-01", "aliases: [alias-of-scheduled]\n");
    // A former slug of a post that has since become a draft under a new slug.
    blog.publish("posts/went-private.md", "---\ntitle: Went private\ndate: 2025-05-01\nslug: public-once\n---\nHi.\n");
    blog.publish("posts/went-private.md", "---\ntitle: Went private\ndate: 2025-05-01\nslug: private-now\ndraft: true\n---\nHi.\n");
    // What no publisher writes but a table may hold: an alias to a slug that is gone, an alias to an alias.
    blog.moto.dynamoDb().putItem(r -> r.tableName(blog.table).item(PostMapper.aliasItem("alias-to-nothing", "never-existed", "posts/x.md")));
    blog.moto.dynamoDb().putItem(r -> r.tableName(blog.table).item(PostMapper.aliasItem("alias-to-alias", "renamed-before", "posts/y.md")));
  }

  private List<String> slugs(JsonNode posts) {
    List<String> slugs = new ArrayList<>();
    posts.forEach(p -> slugs.add(p.path("slug").asText()));
    return slugs;
  }

  // ------------------------------------------------------------------ listings

  @Test
  void listsDuePostsNewestFirstWithTheirSummaries() {
    APIGatewayV2HTTPResponse response = blog.get("/posts?limit=3");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    JsonNode posts = json(response).path("posts");
    assertThat(slugs(posts))
        .containsExactly("fish-chips", "how-to-rebuild-emotional-connection-after-a-hard-season", "mindfulness-for-relationships");
    JsonNode seed = posts.get(1);
    assertThat(seed.path("title").asText()).isEqualTo("How to Rebuild Emotional Connection After a Hard Season");
    assertThat(seed.path("date").asText()).isEqualTo("2025-11-03T00:00:00Z");
    assertThat(seed.path("readingMinutes").asInt()).isPositive();
    assertThat(seed.path("url").asText()).isEqualTo(BlogTestBed.SITE_URL + "/blog/how-to-rebuild-emotional-connection-after-a-hard-season");
    assertThat(seed.has("html")).isFalse();
    assertThat(json(response).path("nextCursor").isTextual()).isTrue();
  }

  @Test
  void pagesCoverEveryPostOnceWithNoGaps() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = json(blog.get("/posts?tag=numbered&limit=7" + (cursor == null ? "" : "&cursor=" + cursor)));
      seen.addAll(slugs(page.path("posts")));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(seen).containsExactlyElementsOf(numberedNewestFirst);
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void unfilteredPagesNeitherRepeatNorSkip() {
    List<String> seen = new ArrayList<>();
    JsonNode page = json(blog.get("/posts?limit=50"));
    List<String> all = slugs(page.path("posts"));
    String cursor = null;
    do {
      JsonNode next = json(blog.get("/posts?limit=4" + (cursor == null ? "" : "&cursor=" + cursor)));
      seen.addAll(slugs(next.path("posts")));
      cursor = next.path("nextCursor").isNull() ? null : next.path("nextCursor").asText();
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(all).doesNotContain("a-draft", "scheduled", "removed");
  }

  @Test
  void postWithSeveralTagsIsListedUnderEach() {
    assertThat(slugs(json(blog.get("/posts?tag=even&limit=50")).path("posts")))
        .contains("numbered-02", "numbered-22")
        .doesNotContain("numbered-01");
    assertThat(slugs(json(blog.get("/posts?tag=numbered&limit=50")).path("posts"))).contains("numbered-02");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/posts?limit=0", "/posts?limit=51", "/posts?limit=ten", "/posts?cursor=not-a-cursor", "/posts?tag=Not%20A%20Tag", "/posts/a/related?limit=11"})
  void badParametersAreProblems(String path) {
    APIGatewayV2HTTPResponse response = blog.get(path);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.path("detail").asText()).isNotBlank();
  }

  @Test
  void editedOrForeignCursorsAreRefused() {
    String cursor = json(blog.get("/posts?limit=2")).path("nextCursor").asText();
    char last = cursor.charAt(cursor.length() - 3);
    String edited = cursor.substring(0, cursor.length() - 3) + (last == 'A' ? 'B' : 'A') + cursor.substring(cursor.length() - 2);

    assertThat(blog.get("/posts?limit=2&cursor=" + edited).getStatusCode()).isEqualTo(400);
    APIGatewayV2HTTPResponse foreign = blog.get("/posts?tag=numbered&cursor=" + cursor);
    assertThat(foreign.getStatusCode()).isEqualTo(400);
    // One cursor format for every listing (HMAC over the listing): a foreign cursor reads as any invalid one.
    assertThat(json(foreign).path("detail").asText()).contains("not valid for this listing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-date|fish-chips", "2025-01-01T00:00:00Z|Not A Slug", "2025-01-01T00:00:00Z|a-slug-longer-than-any-post-can-have-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void aCursorSignedWithOurKeyButHoldingNoPositionIsRefusedBeforeDynamoDb(String fields) {
    String cursor = new CursorCodec(BlogTestBed.HASHING_SECRET).encode("posts", List.of(fields.split("\\|")));

    APIGatewayV2HTTPResponse response = blog.get("/posts?cursor=" + cursor);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("cursor is not valid");
  }

  // ------------------------------------------------------------------ one post

  @Test
  void postHasItsHtmlTocAndNeighbours() {
    JsonNode post = json(blog.get("/posts/how-to-rebuild-emotional-connection-after-a-hard-season"));

    assertThat(post.path("html").asText()).contains("<h2 id=\"h-understand-what-created-the-distance\">");
    assertThat(post.path("toc").get(0).path("id").asText()).isEqualTo("h-understand-what-created-the-distance");
    assertThat(post.path("canonicalUrl").asText())
        .isEqualTo(BlogTestBed.SITE_URL + "/blog/how-to-rebuild-emotional-connection-after-a-hard-season");
    assertThat(post.path("description").asText()).isNotBlank();
    assertThat(post.path("previous").path("slug").asText()).isEqualTo("mindfulness-for-relationships");
    assertThat(post.path("next").path("slug").asText()).isEqualTo("fish-chips");
    assertThat(post.path("preview").asBoolean()).isFalse();
  }

  @Test
  void newestPostHasNoNextAndTheScheduledOneIsNotItsNeighbour() {
    JsonNode post = json(blog.get("/posts/fish-chips"));

    assertThat(post.path("next").isNull()).isTrue();
    assertThat(post.path("previous").path("slug").asText())
        .isEqualTo("how-to-rebuild-emotional-connection-after-a-hard-season");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/posts/a-draft", "/posts/scheduled", "/posts/removed", "/posts/never-written", "/posts/a-draft/related", "/posts/UPPER", "/posts/%3Cscript%3E"})
  void draftsScheduledRemovedAndUnknownAre404(String path) {
    APIGatewayV2HTTPResponse response = blog.get(path);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(json(response).path("status").asInt()).isEqualTo(404);
    assertThat(response.getBody()).doesNotContain("Exception");
  }

  @Test
  void scheduledPostAppearsAtItsTimeWithoutAnyJob() {
    PostsApiHandler later = blog.handlerAt(() -> Instant.parse("2026-03-01T00:00:01Z"));

    var response = BlogTestBed.invoke(later, BlogTestBed.event("GET", "/posts/scheduled", Map.of()));
    var listing = BlogTestBed.invoke(later, BlogTestBed.event("GET", "/posts?limit=1", Map.of()));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(slugs(json(listing).path("posts"))).containsExactly("scheduled");
  }

  @Test
  void authorPreviewsADraftWithTheTokenOnlyAndNothingCachesIt() {
    APIGatewayV2HTTPResponse withHeader =
        blog.request("GET", "/posts/a-draft", Map.of("X-Preview-Token", BlogTestBed.PREVIEW_TOKEN));
    APIGatewayV2HTTPResponse withQuery = blog.get("/posts/scheduled?preview=" + BlogTestBed.PREVIEW_TOKEN);
    APIGatewayV2HTTPResponse wrongToken =
        blog.request("GET", "/posts/a-draft", Map.of("X-Preview-Token", "preview-token-wrong-wrong-wrong"));

    assertThat(withHeader.getStatusCode()).isEqualTo(200);
    assertThat(json(withHeader).path("preview").asBoolean()).isTrue();
    assertThat(withHeader.getHeaders()).containsEntry("Cache-Control", "private, no-store");
    assertThat(withQuery.getStatusCode()).isEqualTo(200);
    assertThat(wrongToken.getStatusCode()).isEqualTo(404);
  }

  @Test
  void formerSlugsAndAliasesRedirectPermanently() {
    APIGatewayV2HTTPResponse alias = blog.get("/posts/renamed-before?utm=x");
    APIGatewayV2HTTPResponse related = blog.get("/posts/renamed-before/related");

    assertThat(alias.getStatusCode()).isEqualTo(301);
    assertThat(alias.getHeaders()).containsEntry("Location", "/posts/renamed-now?utm=x");
    assertThat(blog.get("/posts/renamed-before?preview=secret&a=1").getHeaders()).containsEntry("Location", "/posts/renamed-now?a=1");
    assertThat(related.getHeaders()).containsEntry("Location", "/posts/renamed-now/related");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/posts/alias-of-draft", "/posts/alias-of-scheduled", "/posts/public-once", "/posts/alias-to-nothing",
        "/posts/alias-to-alias", "/posts/alias-of-draft/related", "/posts/alias-of-scheduled/related?limit=2"
      })
  void aliasOfAPostThatIsNotPublicAnswersExactlyAsAnUnknownSlug(String pathAndQuery) {
    String slug = pathAndQuery.split("[/?]")[2];
    String unknown = pathAndQuery.replace(slug, "xq-unknown-" + slug);

    APIGatewayV2HTTPResponse alias = sameRequestId("GET", pathAndQuery, Map.of());
    APIGatewayV2HTTPResponse none = sameRequestId("GET", unknown, Map.of());

    assertThat(alias.getStatusCode()).isEqualTo(404);
    assertThat(alias.getHeaders()).isEqualTo(none.getHeaders()).doesNotContainKey("Location");
    assertThat(alias.getBody().replace(slug, "xq-unknown-" + slug)).isEqualTo(none.getBody());
    assertThat(alias.getBody()).doesNotContain("secret", "private-now");
  }

  @Test
  void aliasOfADraftRedirectsTheAuthorPrivately() {
    APIGatewayV2HTTPResponse withHeader =
        blog.request("GET", "/posts/alias-of-draft?a=1", Map.of("X-Preview-Token", BlogTestBed.PREVIEW_TOKEN));
    APIGatewayV2HTTPResponse withQuery = blog.get("/posts/alias-of-scheduled?preview=" + BlogTestBed.PREVIEW_TOKEN);
    APIGatewayV2HTTPResponse related =
        blog.request("GET", "/posts/alias-of-draft/related", Map.of("X-Preview-Token", BlogTestBed.PREVIEW_TOKEN));

    assertThat(withHeader.getStatusCode()).isEqualTo(301);
    assertThat(withHeader.getHeaders())
        .containsEntry("Location", "/posts/secret-draft?a=1")
        .containsEntry("Cache-Control", "private, no-store");
    // The author's own link keeps working: the token stays in a redirect no cache may keep.
    assertThat(withQuery.getHeaders())
        .containsEntry("Location", "/posts/secret-scheduled?preview=" + BlogTestBed.PREVIEW_TOKEN)
        .containsEntry("Cache-Control", "private, no-store");
    // Related posts of an unpublished post are never shown, not even in preview.
    assertThat(related.getStatusCode()).isEqualTo(404);
  }

  @Test
  void aliasOfAPublicPostStaysAPublicRedirectWithOrWithoutAToken() {
    APIGatewayV2HTTPResponse response =
        blog.request("GET", "/posts/renamed-before", Map.of("X-Preview-Token", BlogTestBed.PREVIEW_TOKEN));

    assertThat(response.getStatusCode()).isEqualTo(301);
    assertThat(response.getHeaders())
        .containsEntry("Location", "/posts/renamed-now")
        .containsEntry("Cache-Control", Representation.PUBLIC);
  }

  // ------------------------------------------------------------------ query strings

  @Test
  void percentEncodedPreviewIsHonouredAndStrippedFromPublicRedirects() {
    APIGatewayV2HTTPResponse draft = blog.get("/posts/a-draft?%70review=" + BlogTestBed.PREVIEW_TOKEN);
    APIGatewayV2HTTPResponse redirect = blog.get("/posts/renamed-before?%70review=" + BlogTestBed.PREVIEW_TOKEN + "&a=1&PREVIEW=kept");

    assertThat(draft.getStatusCode()).isEqualTo(200);
    assertThat(draft.getHeaders()).containsEntry("Cache-Control", "private, no-store");
    assertThat(redirect.getHeaders().get("Location")).isEqualTo("/posts/renamed-now?a=1&PREVIEW=kept");
  }

  @Test
  void redirectQueryIsReencodedFromTheDecodedParameters() {
    APIGatewayV2HTTPResponse redirect = blog.get("/posts/renamed-before?q=two+words&p=%2B%20&%75tm=%E2%9C%93&flag");

    assertThat(redirect.getHeaders()).containsEntry("Location", "/posts/renamed-now?q=two%20words&p=%2B%20&utm=%E2%9C%93&flag=");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/posts?limit=%zz", "/posts?limit=2%", "/posts?tag=%FF", "/tags?x=%4", "/posts/fish-chips?%C0%80=1",
        "/posts/renamed-before?a=%G0"
      })
  void malformedPercentEscapesAreA400(String pathAndQuery) {
    // Built by hand: the test's event builder decodes the query the way API Gateway would, and refuses these.
    String[] parts = pathAndQuery.split("\\?", 2);
    APIGatewayV2HTTPEvent event = BlogTestBed.event("GET", parts[0], Map.of());
    event.setRawQueryString(parts[1]);
    event.setQueryStringParameters(null);

    APIGatewayV2HTTPResponse response = BlogTestBed.invoke(blog.handler, event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(json(response).path("detail").asText()).contains("percent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/posts?limit=2&l%69mit=3", "/posts?tag=food&tag=calm", "/posts/a-draft?preview=wrong&%70review=" + BlogTestBed.PREVIEW_TOKEN})
  void aParameterGivenTwiceIsA400NamingIt(String pathAndQuery) {
    APIGatewayV2HTTPResponse response = blog.get(pathAndQuery);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("more than once");
  }

  @Test
  void aParameterRepeatedWithTheSameValueMeansItOnce() {
    APIGatewayV2HTTPResponse response = blog.get("/posts?tag=food&tag=food");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(slugs(json(response).path("posts"))).containsExactly("fish-chips");
  }

  private APIGatewayV2HTTPResponse sameRequestId(String method, String pathAndQuery, Map<String, String> headers) {
    HttpApiRequest request = HttpApiRequest.of(method, pathAndQuery).requestId("req-fixed");
    headers.forEach(request::header);
    return BlogTestBed.invoke(blog.handler, request.build());
  }

  // ------------------------------------------------------------------ related, tags

  @Test
  void relatedPostsRankBySharedTagsThenRecencyAndNeverTheirOwn() {
    JsonNode related = json(blog.get("/posts/numbered-02/related?limit=4")).path("posts");

    // numbered-02 has tags numbered + even: the even ones share two tags, so they come first, newest first.
    assertThat(slugs(related)).containsExactly("numbered-22", "numbered-20", "numbered-18", "numbered-16");
  }

  @Test
  void relatedNeverListsAPostThatIsNotPublic() {
    // a-draft and scheduled carry the tag numbered too; the fallback reads the newest posts.
    JsonNode related = json(blog.get("/posts/numbered-01/related?limit=10")).path("posts");
    JsonNode fallback = json(blog.get("/posts/fish-chips/related?limit=10")).path("posts");

    assertThat(slugs(related)).hasSize(10).doesNotContain("a-draft", "scheduled", "secret-draft", "secret-scheduled", "private-now");
    assertThat(slugs(fallback)).hasSize(10).doesNotContain("a-draft", "scheduled", "secret-draft", "secret-scheduled", "private-now");
  }

  @Test
  void relatedFallsBackToTheNewestWhenNothingSharesATag() {
    blog.publish("lonely", "Lonely", "2025-01-01", "tags: [nobody-else]\n");

    JsonNode related = json(blog.get("/posts/lonely/related")).path("posts");

    assertThat(slugs(related))
        .containsExactly("fish-chips", "how-to-rebuild-emotional-connection-after-a-hard-season", "mindfulness-for-relationships");
  }

  @Test
  void tagsCountOnlyDuePosts() {
    JsonNode tags = json(blog.get("/tags")).path("tags");
    JsonNode numbered = null;
    for (JsonNode tag : tags) {
      if (tag.path("tag").asText().equals("numbered")) {
        numbered = tag;
      }
    }

    assertThat(numbered).isNotNull();
    assertThat(numbered.path("count").asInt()).isEqualTo(23);
    assertThat(tags.get(0).path("tag").asText()).isEqualTo("numbered");
  }

  // ------------------------------------------------------------------ HTTP behaviour

  @Test
  void matchingIfNoneMatchGets304WithoutABody() {
    APIGatewayV2HTTPResponse first = blog.get("/posts/mindfulness-for-relationships");
    String etag = first.getHeaders().get("ETag");

    APIGatewayV2HTTPResponse again =
        blog.request("GET", "/posts/mindfulness-for-relationships", Map.of("If-None-Match", "\"other\", W/" + etag));
    APIGatewayV2HTTPResponse stale =
        blog.request("GET", "/posts/mindfulness-for-relationships", Map.of("If-None-Match", "\"stale\""));

    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(blog.request("GET", "/posts/mindfulness-for-relationships", Map.of("Accept-Encoding", "gzip")).getHeaders().get("ETag"))
        .isEqualTo(etag.replace("\"", "").transform(e -> "\"" + e + "-gzip\""));
    assertThat(first.getHeaders().get("Cache-Control")).contains("max-age=60", "s-maxage=300", "stale-if-error=86400").doesNotContain("stale-while-revalidate");
    assertThat(again.getStatusCode()).isEqualTo(304);
    assertThat(again.getBody()).isNull();
    assertThat(again.getHeaders()).containsEntry("ETag", etag);
    assertThat(stale.getStatusCode()).isEqualTo(200);
  }

  @Test
  void bodyIsGzippedWhenTheClientAcceptsIt() throws Exception {
    APIGatewayV2HTTPResponse plain = blog.get("/posts/how-to-rebuild-emotional-connection-after-a-hard-season");
    APIGatewayV2HTTPResponse zipped =
        blog.request("GET", "/posts/how-to-rebuild-emotional-connection-after-a-hard-season", Map.of("Accept-Encoding", "br, gzip"));

    assertThat(zipped.getIsBase64Encoded()).isTrue();
    assertThat(zipped.getHeaders()).containsEntry("Content-Encoding", "gzip").containsEntry("Vary", "Accept-Encoding");
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(zipped.getBody()))).readAllBytes();
    assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain.getBody());
    assertThat(zipped.getBody().length()).isLessThan(plain.getBody().length());
  }

  @Test
  void wrongMethodOnAnExistingRouteIs405WithAllow() {
    APIGatewayV2HTTPResponse response = blog.request("DELETE", "/posts/fish-chips", Map.of());

    assertThat(response.getStatusCode()).isEqualTo(405);
    assertThat(response.getHeaders()).containsEntry("Allow", "GET, HEAD, OPTIONS");
    assertThat(json(response).path("status").asInt()).isEqualTo(405);
  }

  @Test
  void headAnswersLikeGetWithoutABody() {
    APIGatewayV2HTTPResponse get = blog.get("/tags");
    APIGatewayV2HTTPResponse head = blog.request("HEAD", "/tags", Map.of());

    assertThat(head.getStatusCode()).isEqualTo(200);
    assertThat(head.getBody()).isNull();
    assertThat(head.getHeaders().get("ETag")).isEqualTo(get.getHeaders().get("ETag"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/posts", "/posts/fish-chips", "/tags", "/feed.xml", "/posts/never-written", "/posts?limit=0"})
  void everyResponseCarriesSecurityHeaders(String path) {
    assertThat(blog.get(path).getHeaders()).containsEntry("X-Content-Type-Options", "nosniff");
  }

  // ------------------------------------------------------------------ feed, sitemap

  @Test
  void feedIsValidRssWithAbsoluteLinksAndEscapedTitles() throws Exception {
    APIGatewayV2HTTPResponse response = blog.get("/feed.xml");

    assertThat(response.getHeaders().get("Content-Type")).startsWith("application/rss+xml");
    SyndFeed feed = new SyndFeedInput().build(new StringReader(response.getBody()));
    assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
    assertThat(feed.getTitle()).isEqualTo("Test Blog");
    SyndEntry first = feed.getEntries().get(0);
    assertThat(first.getTitle()).isEqualTo("Fish & <Chips>");
    assertThat(first.getLink()).isEqualTo(BlogTestBed.SITE_URL + "/blog/fish-chips");
    assertThat(first.getPublishedDate().toInstant()).isEqualTo(Instant.parse("2025-12-24T00:00:00Z"));
    assertThat(feed.getEntries()).hasSize(PostsService.FEED_SIZE);
    assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).doesNotContain("A draft", "Scheduled");
  }

  @Test
  void feedDescriptionIsPlainTextAReaderShowsLiterallyAndTheFullHtmlIsInContentEncoded() throws Exception {
    String xml = blog.get("/feed.xml").getBody();
    SyndEntry entry =
        new SyndFeedInput().build(new StringReader(xml)).getEntries().stream()
            .filter(e -> e.getTitle().equals("Markup in the description"))
            .findFirst()
            .orElseThrow();
    String html = json(blog.get("/posts/markup-in-description")).path("html").asText();

    // Readers render an RSS description as HTML (RSS Best Practices Profile): what they display is its text.
    assertThat(Jsoup.parse(entry.getDescription().getValue()).text()).isEqualTo(MARKUP_DESCRIPTION);
    assertThat(Jsoup.parse(entry.getDescription().getValue()).select("script, b")).isEmpty();
    assertThat(entry.getContents()).hasSize(1);
    assertThat(entry.getContents().get(0).getValue()).isEqualTo(html).contains("<strong>world</strong>").doesNotContain("<script");
    assertThat(xml)
        .contains("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")
        .containsPattern("(?s)<item>(?:(?!</item>).)*Markup in the description(?:(?!</item>).)*<description>.*?</description>\\s*<content:encoded>");
  }

  @Test
  void aPostTooLargeForTheFeedIsGivenWithItsDescriptionOnly() throws Exception {
    String paragraph = "Words of a very long post, repeated until its HTML alone would crowd the feed.\n\n";
    blog.publish(
        "posts/very-long.md",
        "---\ntitle: Very long\ndate: 2025-01-20\ndescription: Long.\n---\n\n"
            + paragraph.repeat(PostsService.FEED_HTML_BUDGET / paragraph.length() + 1));

    SyndFeed feed = new SyndFeedInput().build(new StringReader(blog.get("/feed.xml").getBody()));

    SyndEntry longOne = feed.getEntries().stream().filter(e -> e.getTitle().equals("Very long")).findFirst().orElseThrow();
    assertThat(longOne.getContents()).isEmpty();
    assertThat(longOne.getDescription().getValue()).isEqualTo("Long.");
    assertThat(feed.getEntries()).filteredOn(e -> e != longOne).allSatisfy(e -> assertThat(e.getContents()).hasSize(1));
  }

  @Test
  void sitemapListsEveryDuePost() {
    String index = blog.get("/sitemap.xml").getBody();
    assertThat(index).contains("<sitemapindex").doesNotContain("<urlset");
    StringBuilder sitemap = new StringBuilder();
    Matcher loc = Pattern.compile("<loc>" + Pattern.quote(BlogTestBed.SITE_URL) + "(/sitemaps/[^<]+)</loc>").matcher(index);
    while (loc.find()) {
      APIGatewayV2HTTPResponse page = blog.get(loc.group(1));
      assertThat(page.getStatusCode()).as(loc.group(1)).isEqualTo(200);
      sitemap.append(page.getBody());
    }

    assertThat(sitemap.toString())
        .contains("<loc>" + BlogTestBed.SITE_URL + "/blog/numbered-01</loc>")
        .contains("<loc>" + BlogTestBed.SITE_URL + "/blog/fish-chips</loc>")
        .doesNotContain("a-draft", "/scheduled<");
  }
}
