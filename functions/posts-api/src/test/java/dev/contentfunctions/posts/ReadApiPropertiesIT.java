package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.posts.HostileReads.ReadRequest;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * Generated requests to the read API over a small blog on moto (see {@link HostileReads}): random
 * and hostile slugs, cursors (random, edited, signed with the blog's key for foreign listings and
 * absurd positions), limits, tags and header values.
 *
 * <p>Two oracles, both written from what the README promises and from this blog's contents as this
 * test lists them, not from the code: (1) whatever is asked, never a 5xx, every 4xx is a problem
 * document, a 200 a well-formed JSON or XML document with an ETag, a 301 a path without the preview
 * token, and nosniff everywhere; (2) where the request is plain enough to know its answer (a post
 * by its slug, a fixed route, a listing with only a limit), exactly that status.
 *
 * <p>A new seed each run (or {@code -Dreadapi.seed=}); a failure names the seed of the failing try
 * (replay it with {@code -Dreadapi.seed=<that seed> -Dreadapi.tries=1}), the request, and the
 * smallest request derived from it that still fails. The blog only answers reads here, so the seed
 * alone replays it.
 */
class ReadApiPropertiesIT {
  private static final long SEED = Long.getLong("readapi.seed", System.nanoTime());
  private static final int TRIES = Integer.getInteger("readapi.tries", 1_000);

  private static final BlogTestBed BLOG = new BlogTestBed();

  /** What this blog serves, as published below: the oracle's own list, not the service's rules. */
  private static final Set<String> PUBLIC =
      Set.of(
          "how-to-rebuild-emotional-connection-after-a-hard-season",
          "mindfulness-for-relationships",
          "numbered-1", "numbered-2", "numbered-3", "numbered-4", "numbered-5", "numbered-6",
          "renamed-now",
          "fish-chips");

  private static final Set<String> AUTHOR_ONLY = Set.of("a-draft", "scheduled");
  private static final String FORMER = "renamed-before";

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
    for (String listing : List.of("/posts?limit=2", "/posts?tag=numbered&limit=2", "/posts?limit=1&tag=even")) {
      CURSORS.add(BlogTestBed.json(BLOG.get(listing)).path("nextCursor").asText());
    }
    for (String path : HostileReads.REVALIDATED) {
      ETAGS.add(BLOG.get(path).getHeaders().get("ETag"));
      ETAGS.add(BLOG.request("GET", path, Map.of("Accept-Encoding", "gzip")).getHeaders().get("ETag"));
    }
  }

  @Test
  void everyGeneratedRequestIsAnsweredAsPromised() {
    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < TRIES; i++) {
      long seed = SEED + i;
      ReadRequest request = new HostileReads(seed, CURSORS, ETAGS).request();
      Optional<String> failure = failure(request, outcomes);
      if (failure.isPresent()) {
        ReadRequest minimal = shrink(request);
        throw new AssertionError(
            "seed " + seed + " (replay: -Dreadapi.seed=" + seed + " -Dreadapi.tries=1)\n  request: " + request
                + "\n  " + failure.get() + "\n  smallest failing request: " + minimal
                + "\n  " + failure(minimal, new TreeMap<>()).orElse("?"));
      }
    }

    // Each class of answer was reached, so the checks above checked something (seed in the message).
    assertThat(outcomes)
        .as("outcomes of seed %d: %s", SEED, outcomes)
        .containsKeys("200", "204", "301", "304", "400", "404", "405", "predicted-200", "predicted-404", "predicted-400");
  }

  /** What is wrong with the answer to {@code request}, if anything; counts its outcome. */
  private static Optional<String> failure(ReadRequest request, Map<String, Integer> outcomes) {
    APIGatewayV2HTTPResponse response = BLOG.request(request.method(), request.pathAndQuery(), request.headers());
    int status = response.getStatusCode();
    outcomes.merge(String.valueOf(status), 1, Integer::sum);
    try {
      Optional<Set<Integer>> predicted = predictedStatus(request);
      if (predicted.isPresent()) {
        predicted.get().forEach(p -> outcomes.merge("predicted-" + p, 1, Integer::sum));
        assertThat(status).as("status (predicted %s)", predicted.get()).isIn(predicted.get());
      }
      assertAnsweredReadably(request, response);
      return Optional.empty();
    } catch (Exception | AssertionError e) {
      return Optional.of("answered " + status + ": " + e.getMessage().strip().replace("\n", " "));
    }
  }

  /**
   * Removes headers and query parameters, halves long header values and plain-ifies the method for
   * as long as the request still fails: the smallest failing request is the one to debug.
   */
  private static ReadRequest shrink(ReadRequest failing) {
    ReadRequest smallest = failing;
    boolean smaller = true;
    for (int round = 0; smaller && round < 200; round++) {
      smaller = false;
      for (ReadRequest candidate : simpler(smallest)) {
        if (failure(candidate, new TreeMap<>()).isPresent()) {
          smallest = candidate;
          smaller = true;
          break;
        }
      }
    }
    return smallest;
  }

  private static List<ReadRequest> simpler(ReadRequest request) {
    List<ReadRequest> candidates = new ArrayList<>();
    if (!request.method().equals("GET")) {
      candidates.add(new ReadRequest("GET", request.pathAndQuery(), request.headers()));
    }
    for (String name : request.headers().keySet()) {
      Map<String, String> without = new LinkedHashMap<>(request.headers());
      without.remove(name);
      candidates.add(new ReadRequest(request.method(), request.pathAndQuery(), without));
      String value = request.headers().get(name);
      if (value.length() > 1) {
        Map<String, String> halved = new LinkedHashMap<>(request.headers());
        halved.put(name, value.substring(0, value.length() / 2));
        candidates.add(new ReadRequest(request.method(), request.pathAndQuery(), halved));
      }
    }
    int question = request.pathAndQuery().indexOf('?');
    if (question >= 0) {
      String path = request.pathAndQuery().substring(0, question);
      List<String> parameters = List.of(request.pathAndQuery().substring(question + 1).split("&", -1));
      for (int i = 0; i < parameters.size(); i++) {
        List<String> rest = new ArrayList<>(parameters);
        rest.remove(i);
        candidates.add(new ReadRequest(request.method(), rest.isEmpty() ? path : path + "?" + String.join("&", rest), request.headers()));
      }
    }
    return candidates;
  }

  private static final Pattern POST_PATH = Pattern.compile("/posts/([^/?]+)(\\?preview=(.*))?");
  private static final Pattern LIMIT_ONLY = Pattern.compile("/posts\\?limit=([^&]*)");

  /**
   * The status the README promises for the requests plain enough to know it: GET or HEAD, no
   * If-None-Match (which could make any 200 a 304). Empty when this oracle does not say.
   */
  private static Optional<Set<Integer>> predictedStatus(ReadRequest request) {
    if (!Set.of("GET", "HEAD").contains(request.method()) || request.headers().containsKey("If-None-Match")) {
      return Optional.empty();
    }
    String target = request.pathAndQuery();
    if (Set.of("/tags", "/feed.xml", "/sitemap.xml", "/posts").contains(target)) {
      return Optional.of(Set.of(200));
    }
    Matcher post = POST_PATH.matcher(target);
    if (post.matches()) {
      String slug = post.group(1);
      boolean author =
          BlogTestBed.PREVIEW_TOKEN.equals(request.headers().get("X-Preview-Token"))
              || (!request.headers().containsKey("X-Preview-Token") && BlogTestBed.PREVIEW_TOKEN.equals(post.group(3)));
      if (PUBLIC.contains(slug) || (author && AUTHOR_ONLY.contains(slug))) {
        return Optional.of(Set.of(200));
      }
      return Optional.of(Set.of(slug.equals(FORMER) ? 301 : 404));
    }
    Matcher limit = LIMIT_ONLY.matcher(target);
    if (limit.matches()) {
      // "limit 1-50": a plain decimal in range is a page, anything plainly else a 400. Other
      // spellings of a number (a sign, spaces, other scripts' digits) are not promised either way.
      String value = URLDecoder.decode(limit.group(1), StandardCharsets.UTF_8);
      if (value.matches("[0-9]+")) {
        BigInteger number = new BigInteger(value);
        return Optional.of(Set.of(number.signum() > 0 && number.compareTo(BigInteger.valueOf(50)) <= 0 ? 200 : 400));
      }
      if (!value.matches(".*\\p{Nd}.*") || value.matches(".*[^\\p{Nd}+\\- ].*")) {
        return Optional.of(Set.of(400));
      }
    }
    return Optional.empty();
  }

  private static void assertAnsweredReadably(ReadRequest request, APIGatewayV2HTTPResponse response) throws Exception {
    int status = response.getStatusCode();

    assertThat(status).as("status").isBetween(200, 499);
    assertThat(response.getHeaders()).containsEntry("X-Content-Type-Options", "nosniff");
    // A path no API route has is the website's: its errors are pages for a person, not problems.
    String path = request.pathAndQuery().split("\\?", 2)[0];
    boolean api = ApiRoute.match(path).isPresent() || ApiRoute.owns(path);
    if (status >= 400 && !api) {
      assertThat(response.getHeaders().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
      assertThat(response.getHeaders()).containsEntry("Content-Security-Policy", dev.contentfunctions.http.Responses.PAGE_CSP);
      if (!request.method().equals("HEAD")) {
        assertThat(org.jsoup.Jsoup.parse(response.getBody()).select("meta[name=robots]").attr("content")).isEqualTo("noindex");
      }
    } else if (status >= 400) {
      assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
      JsonNode problem = BlogTestBed.json(response);
      assertThat(problem.path("status").asInt()).isEqualTo(status);
      assertThat(problem.path("title").asText()).isNotBlank();
    } else if (status == 200 && !request.method().equals("HEAD")) {
      assertThat(response.getHeaders()).containsKey("ETag");
      assertIsWellFormed(response);
    } else if (status == 301) {
      assertThat(response.getHeaders().get("Location")).startsWith(api ? "/posts/" : "/").doesNotContain("preview=");
    } else {
      assertThat(status).isIn(200, 204, 304);
      assertThat(response.getBody()).isNull();
    }
  }

  /** JSON for the JSON routes, XML for the feed and the sitemap, gunzipped first if sent gzipped. */
  private static void assertIsWellFormed(APIGatewayV2HTTPResponse response) throws Exception {
    String contentType = response.getHeaders().get("Content-Type");
    if (contentType.startsWith("application/json")) {
      assertThat(BlogTestBed.json(response).isObject()).isTrue();
      return;
    }
    if (contentType.startsWith("text/html")) {
      assertThat(BlogTestBed.text(response)).startsWith("<!doctype html>");
      return;
    }
    assertThat(contentType).matches("application/(rss\\+)?xml; charset=utf-8");
    byte[] bytes =
        response.getIsBase64Encoded()
            ? new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(response.getBody()))).readAllBytes()
            : response.getBody().getBytes(StandardCharsets.UTF_8);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    assertThat(document.getDocumentElement().getNodeName()).isIn("rss", "sitemapindex", "urlset");
  }
}
