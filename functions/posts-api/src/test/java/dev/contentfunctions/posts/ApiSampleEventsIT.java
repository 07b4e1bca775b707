package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.testkit.EmfLines;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sample events of events/ (the ones `sam local invoke` users run), as the bytes Lambda would
 * pass, against the sample posts; and events that are not HTTP API events at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSampleEventsIT {
  private final BlogTestBed blog = new BlogTestBed();

  @BeforeAll
  void publishSamplePosts() {
    blog.publishSamplePosts();
  }

  private APIGatewayV2HTTPResponse handle(String eventJson) {
    return StreamInvocation.http(blog.handler, eventJson, new LocalContext("PostsApiFunction"));
  }

  private APIGatewayV2HTTPResponse sample(String name) {
    return handle(new String(RepoPaths.sampleEvent(name), StandardCharsets.UTF_8));
  }

  /** Each sample is one EMF line: its answer by API Gateway's route key and status class, its latency. */
  @Test
  void eachSampleIsCountedUnderItsRouteAndStatusClass() {
    Map<String, String> routes = new java.util.LinkedHashMap<>();
    routes.put("api-list-posts.json", "Answers{Route=ANY /posts,StatusClass=2xx}=1.0");
    routes.put("api-get-post.json", "Answers{Route=ANY /posts/{slug},StatusClass=2xx}=1.0");
    routes.put("api-related-posts.json", "Answers{Route=ANY /posts/{slug}/related,StatusClass=2xx}=1.0");
    routes.put("api-tags.json", "Answers{Route=ANY /tags,StatusClass=2xx}=1.0");
    routes.put("api-feed.json", "Answers{Route=ANY /feed.xml,StatusClass=2xx}=1.0");
    routes.put("api-sitemap.json", "Answers{Route=ANY /sitemap.xml,StatusClass=2xx}=1.0");
    routes.put("page-get-post.json", "Answers{Route=$default,StatusClass=2xx}=1.0");
    routes.forEach((event, answer) -> {
      int before = blog.logs.metricLines().size();
      sample(event);
      List<String> lines = blog.logs.metricLines().subList(before, blog.logs.metricLines().size());
      assertThat(lines).as(event).hasSize(1);
      assertThat(EmfLines.labels(lines)).as(event).contains(answer).anyMatch(label -> label.startsWith("Latency{Route="));
      assertThat(EmfLines.metrics(lines)).as(event).allSatisfy(datum -> assertThat(datum.dimensions()).containsEntry("Function", "PostsApi"));
      assertThat(lines.get(0)).as(event).doesNotContain("how-to-rebuild");
    });
    int before = blog.logs.metricLines().size();
    handle(new String(RepoPaths.sampleEvent("api-get-post.json"), StandardCharsets.UTF_8).replace("how-to-rebuild", "no-such-post"));
    assertThat(EmfLines.labels(blog.logs.metricLines().subList(before, blog.logs.metricLines().size())))
        .contains("Answers{Route=ANY /posts/{slug},StatusClass=4xx}=1.0");
  }

  @Test
  void listPostsSample() {
    APIGatewayV2HTTPResponse response = sample("api-list-posts.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts")).hasSize(2);
  }

  @Test
  void listPostsByTagSample() {
    APIGatewayV2HTTPResponse response = sample("api-list-posts-by-tag.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts"))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.path("tags").toString()).contains("\"communication\""));
  }

  @Test
  void getPostSample() {
    APIGatewayV2HTTPResponse response = sample("api-get-post.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsKey("ETag");
  }

  @Test
  void ifNoneMatchSampleGets304OnceItsTagIsCurrent() throws IOException {
    APIGatewayV2HTTPResponse stale = sample("api-get-post-if-none-match.json");
    assertThat(stale.getStatusCode()).isEqualTo(200);

    ObjectNode event = (ObjectNode) Json.MAPPER.readTree(RepoPaths.sampleEvent("api-get-post-if-none-match.json"));
    ((ObjectNode) event.path("headers")).put("if-none-match", stale.getHeaders().get("ETag"));
    APIGatewayV2HTTPResponse current = handle(event.toString());

    assertThat(current.getStatusCode()).isEqualTo(304);
    assertThat(current.getBody()).isNull();
  }

  @Test
  void relatedPostsSample() {
    APIGatewayV2HTTPResponse response = sample("api-related-posts.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts")).hasSize(3);
  }

  @Test
  void tagsSample() {
    assertThat(BlogTestBed.json(sample("api-tags.json")).path("tags")).isNotEmpty();
  }

  @Test
  void feedSample() {
    APIGatewayV2HTTPResponse response = sample("api-feed.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders().get("Content-Type")).startsWith("application/rss+xml");
  }

  @Test
  void sitemapSample() {
    // The sitemap is an index of sitemaps (the site's pages, each month's posts).
    assertThat(BlogTestBed.text(sample("api-sitemap.json"))).contains("<sitemapindex", "/sitemaps/pages.xml</loc>");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not json",
        "[]",
        "{\"rawPath\": 7}",
        "{\"headers\": \"accept\"}",
        "{\"requestContext\": {\"http\": {\"method\": [\"GET\"]}}}",
        "{\"rawPath\": \"/posts\", \"rawQueryString\": {\"limit\": 1}}",
        "{\"rawPath\": \"/posts\"",
      })
  void aMalformedEventIsA400ProblemNotACrash(String eventJson) {
    APIGatewayV2HTTPResponse response = handle(eventJson);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(response.getBody()).doesNotContain("Exception", "at dev.");
  }

  @Test
  void aLargeEventIsAnsweredAndOneOverLambdasLimitIsA400() {
    assertThat(handle(tagsWithPadding(5 * 1024 * 1024)).getStatusCode()).isEqualTo(200);
    assertThat(handle(tagsWithPadding(7 * 1024 * 1024)).getStatusCode()).isEqualTo(400);
  }

  private static String tagsWithPadding(int bytes) {
    return "{\"rawPath\": \"/tags\", \"headers\": {\"x-padding\": \"" + "p".repeat(bytes) + "\"},"
        + " \"requestContext\": {\"http\": {\"method\": \"GET\"}}}";
  }
}
