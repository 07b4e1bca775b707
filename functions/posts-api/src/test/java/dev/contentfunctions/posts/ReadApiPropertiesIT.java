package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.posts.HostileReads.ReadRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Generated requests to the read API over a small blog on moto (see {@link HostileReads}): random
 * and hostile slugs, cursors (random, random base64, edited and re-signed), limits, tags and header
 * values. Whatever is asked, the answer is never a 5xx, every 4xx is a problem document, a 200 is a
 * well-formed JSON or XML document, and every response carries nosniff. PostsApiIT holds the
 * hand-picked cases.
 *
 * <p>Each try draws its request from its own fixed seed, and a failure names the seed and the
 * request: the blog only answers reads here, so that seed alone replays it.
 */
class ReadApiPropertiesIT {
  private static final int TRIES = 1_000;

  private static final BlogTestBed BLOG = new BlogTestBed();

  // Cursors and ETags the API really gave out, for the generated requests to replay and edit.
  private static final List<String> CURSORS = new ArrayList<>();
  private static final List<String> ETAGS = new ArrayList<>();

  static {
    BLOG.publishSamplePosts();
    for (int i = 1; i <= 6; i++) {
      String tags = "tags: [numbered" + (i % 2 == 0 ? ", even" : "") + "]\n";
      BLOG.publish("numbered-" + i, "Numbered " + i, "2024-01-0" + i, tags);
    }
    BLOG.publish("a-draft", "A draft", "2025-12-01", "draft: true\ntags: [numbered]\n");
    BLOG.publish("scheduled", "Scheduled", "2026-03-01", "tags: [numbered]\n");
    BLOG.publish("renamed-now", "Renamed", "2025-06-01", "aliases: [renamed-before]\n");
    BLOG.publish("posts/removed.md", "---\ntitle: Removed\ndate: 2025-06-02\n---\nGone soon.\n");
    BLOG.remove("posts/removed.md");
    BLOG.publish("fish-chips", "Fish & <Chips> \ud83d\udc1f", "2025-12-24", "tags: [food]\n");
    for (String listing :
        List.of("/posts?limit=2", "/posts?tag=numbered&limit=2", "/posts?limit=1&tag=even")) {
      CURSORS.add(BlogTestBed.json(BLOG.get(listing)).path("nextCursor").asText());
    }
    for (String path :
        List.of(
            "/posts",
            "/tags",
            "/feed.xml",
            "/posts/fish-chips",
            "/posts/mindfulness-for-relationships")) {
      ETAGS.add(BLOG.get(path).getHeaders().get("ETag"));
      ETAGS.add(
          BLOG.request("GET", path, Map.of("Accept-Encoding", "gzip")).getHeaders().get("ETag"));
    }
  }

  @Test
  void everyGeneratedRequestIsAnsweredWithoutA5xxAndWithAReadableBody() {
    for (long seed = 0; seed < TRIES; seed++) {
      ReadRequest request = new HostileReads(seed, CURSORS, ETAGS).request();
      try {
        assertAnsweredReadably(request);
      } catch (Exception | AssertionError e) {
        throw new AssertionError("seed " + seed + ": " + request + "\n" + e.getMessage(), e);
      }
    }
  }

  private static void assertAnsweredReadably(ReadRequest request) throws Exception {
    APIGatewayV2HTTPResponse response =
        BLOG.request(request.method(), request.pathAndQuery(), request.headers());
    int status = response.getStatusCode();

    assertThat(status).as("status").isBetween(200, 499);
    assertThat(response.getHeaders()).containsEntry("X-Content-Type-Options", "nosniff");
    if (status >= 400) {
      assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = BlogTestBed.json(response);
      assertThat(problem.path("status").asInt()).isEqualTo(status);
      assertThat(problem.path("title").asText()).isNotBlank();
    } else if (status == 200 && !request.method().equals("HEAD")) {
      assertThat(response.getHeaders()).containsKey("ETag");
      assertIsWellFormed(response);
    } else if (status == 301) {
      assertThat(response.getHeaders().get("Location"))
          .startsWith("/posts/")
          .doesNotContain("preview=");
    } else {
      assertThat(status).isIn(200, 204, 304);
      assertThat(response.getBody()).isNull();
    }
  }

  /**
   * JSON for the JSON routes, XML for the feed and the sitemap, gunzipped first if sent gzipped.
   */
  private static void assertIsWellFormed(APIGatewayV2HTTPResponse response) throws Exception {
    String contentType = response.getHeaders().get("Content-Type");
    if (contentType.startsWith("application/json")) {
      assertThat(BlogTestBed.json(response).isObject()).isTrue();
      return;
    }
    assertThat(contentType).matches("application/(rss\\+)?xml; charset=utf-8");
    byte[] bytes =
        response.getIsBase64Encoded()
            ? new GZIPInputStream(
                    new ByteArrayInputStream(Base64.getDecoder().decode(response.getBody())))
                .readAllBytes()
            : response.getBody().getBytes(StandardCharsets.UTF_8);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    assertThat(document.getDocumentElement().getNodeName()).isIn("rss", "urlset");
  }
}
