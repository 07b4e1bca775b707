package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a visitor gets when DynamoDB is unreachable or the table is missing: a problem, never a trace. */
class PostsApiFaultsIT {
  private static PostsApiHandler handler(DynamoDbClient dynamoDb, String table) {
    return new PostsApiHandler(
        new PostsApiConfig(table, BlogTestBed.SITE_URL, "Test Blog", null), dynamoDb, Clock.systemUTC());
  }

  @Test
  void unreachableDatabaseIs503WithRetryAfterAndOneLogLine() throws Exception {
    DynamoDbClient unreachable = MotoServer.shared().unreachableDynamoDb();
    LocalContext context = new LocalContext("PostsApiFunction");

    APIGatewayV2HTTPResponse response =
        handler(unreachable, "posts").handleRequest(BlogTestBed.event("GET", "/posts", Map.of()), context);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Retry-After", String.valueOf(PostsApiHandler.RETRY_AFTER_SECONDS))
        .containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(BlogTestBed.json(response).path("status").asInt()).isEqualTo(503);
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"event\":\"dependency.unavailable\""));
  }

  @Test
  void missingTableIs500ProblemWithTheRequestIdAndNoTrace() {
    var event = BlogTestBed.event("GET", "/posts/anything", Map.of());
    APIGatewayV2HTTPResponse response =
        handler(MotoServer.shared().dynamoDb(), "no-such-table").handleRequest(event, new LocalContext("PostsApiFunction"));

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(BlogTestBed.json(response).path("requestId").asText())
        .isEqualTo(event.getRequestContext().getRequestId());
    assertThat(response.getBody()).doesNotContain("Exception", "at dev.", "no-such-table");
  }
}
