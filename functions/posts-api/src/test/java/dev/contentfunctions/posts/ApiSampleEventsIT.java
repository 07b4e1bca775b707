package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.localaws.LocalContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of events/ (the ones `sam local invoke` users run), against the sample posts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSampleEventsIT {
  private final BlogTestBed blog = new BlogTestBed();

  @BeforeAll
  void publishSamplePosts() {
    blog.publishSamplePosts();
  }

  private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    return blog.handler.handleRequest(event, new LocalContext("PostsApiFunction"));
  }

  @ParameterizedTest
  @Event(value = "events/api-list-posts.json", type = APIGatewayV2HTTPEvent.class)
  void listPostsSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts")).hasSize(2);
  }

  @ParameterizedTest
  @Event(value = "events/api-list-posts-by-tag.json", type = APIGatewayV2HTTPEvent.class)
  void listPostsByTagSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts"))
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.path("tags").toString()).contains("\"communication\""));
  }

  @ParameterizedTest
  @Event(value = "events/api-get-post.json", type = APIGatewayV2HTTPEvent.class)
  void getPostSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsKey("ETag");
  }

  @ParameterizedTest
  @Event(value = "events/api-get-post-if-none-match.json", type = APIGatewayV2HTTPEvent.class)
  void ifNoneMatchSampleGets304OnceItsTagIsCurrent(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse stale = handle(event);
    assertThat(stale.getStatusCode()).isEqualTo(200);

    event.getHeaders().put("if-none-match", stale.getHeaders().get("ETag"));
    APIGatewayV2HTTPResponse current = handle(event);

    assertThat(current.getStatusCode()).isEqualTo(304);
    assertThat(current.getBody()).isNull();
  }

  @ParameterizedTest
  @Event(value = "events/api-related-posts.json", type = APIGatewayV2HTTPEvent.class)
  void relatedPostsSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(response).path("posts")).hasSize(3);
  }

  @ParameterizedTest
  @Event(value = "events/api-tags.json", type = APIGatewayV2HTTPEvent.class)
  void tagsSample(APIGatewayV2HTTPEvent event) {
    assertThat(BlogTestBed.json(handle(event)).path("tags")).isNotEmpty();
  }

  @ParameterizedTest
  @Event(value = "events/api-feed.json", type = APIGatewayV2HTTPEvent.class)
  void feedSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders().get("Content-Type")).startsWith("application/rss+xml");
  }

  @ParameterizedTest
  @Event(value = "events/api-sitemap.json", type = APIGatewayV2HTTPEvent.class)
  void sitemapSample(APIGatewayV2HTTPEvent event) {
    assertThat(handle(event).getBody()).contains("<urlset");
  }
}
