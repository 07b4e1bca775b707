package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.testkit.FaultyLink;
import dev.contentfunctions.testkit.FaultyLink.Mode;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.tables.posts.DynamoDbPostRepository;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a visitor gets when DynamoDB stops, hangs or the table is missing: a problem, never a trace,
 * and the blog again as soon as DynamoDB is back. The handler's client has the limits it has in
 * Lambda and reaches moto through a {@link FaultyLink}.
 */
class PostsApiFaultsIT {
  private final BlogTestBed bed = new BlogTestBed();
  private final LocalContext logs = new LocalContext("PostsApiFunction");
  private final FaultyLink link = FaultyLink.to(bed.moto.endpoint());
  private final DynamoDbClient dynamoDb =
      AwsClients.withLimits(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE)
          .endpointOverride(link.endpoint())
          .region(bed.moto.region())
          .credentialsProvider(bed.moto.credentials())
          .build();
  private final PostsApiHandler handler = handler(dynamoDb, bed.table);

  @AfterEach
  void closeClientAndLink() {
    dynamoDb.close();
    link.close();
  }

  private PostsApiHandler handler(DynamoDbClient dynamoDb, String table) {
    return new PostsApiHandler(
        BlogTestBed.config(table, null),
        new DynamoDbPostRepository(dynamoDb, table),
        Clock.fixed(bed.now, ZoneOffset.UTC),
        logs.log());
  }

  private record Answer(APIGatewayV2HTTPResponse response, List<String> logLines) {}

  /** The answer and the lines the handler logged for it. */
  private Answer get(String path) {
    int before = logs.logLines().size();
    APIGatewayV2HTTPResponse response = BlogTestBed.invoke(handler, BlogTestBed.event("GET", path, Map.of()));
    List<String> lines = logs.logLines();
    return new Answer(response, lines.subList(before, lines.size()));
  }

  private static void assertRetryLater(Answer answer, String path, String error)
      throws IOException {
    assertThat(answer.response().getStatusCode()).isEqualTo(503);
    assertThat(answer.response().getHeaders())
        .containsEntry("Retry-After", String.valueOf(HttpEndpoint.RETRY_AFTER_SECONDS))
        .containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(BlogTestBed.json(answer.response()).path("status").asInt()).isEqualTo(503);
    assertThat(answer.response().getBody()).doesNotContain("Exception", "at dev.", "127.0.0.1");
    assertThat(answer.logLines()).hasSize(1);
    JsonNode line = Json.MAPPER.readTree(answer.logLines().get(0));
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("message").asText()).isEqualTo("request.failed");
    assertThat(line.path("path").asText()).isEqualTo(path);
    assertThat(line.path("status").asInt()).isEqualTo(503);
    assertThat(line.path("error").asText()).isEqualTo(error);
  }

  @Test
  void readApiAnswers503WhileTheDatabaseIsStoppedAndRecoversByItselfWhenItIsBack()
      throws IOException {
    bed.publish("steady", "Steady", "2025-10-01", "tags: [calm]\n");
    assertThat(get("/posts/steady").response().getStatusCode()).isEqualTo(200);

    link.switchTo(Mode.DOWN);
    for (String path :
        List.of("/posts", "/posts/steady", "/posts/steady/related", "/tags", "/feed.xml")) {
      assertRetryLater(get(path), path, "SdkClientException");
    }

    link.switchTo(Mode.PASS_THROUGH);
    APIGatewayV2HTTPResponse back = get("/posts/steady").response();
    assertThat(back.getStatusCode()).isEqualTo(200);
    assertThat(BlogTestBed.json(back).path("slug").asText()).isEqualTo("steady");
    assertThat(get("/tags").response().getStatusCode()).isEqualTo(200);
  }

  @Test
  void databaseThatNeverAnswersIs503WithinTheSdkTimeouts() throws IOException {
    bed.publish("patient", "Patient", "2025-10-01", "");
    link.switchTo(Mode.BLACK_HOLE);

    // A hang guard, not a performance test: the call timeout (3 s) ends the wait; four times that
    // only fails if nothing bounds it. The preemptive form stops a hanging handler.
    Answer answer =
        assertTimeoutPreemptively(
            AwsClients.Timeouts.INTERACTIVE.call().multipliedBy(4), () -> get("/posts/patient"));

    assertRetryLater(answer, "/posts/patient", "ApiCallTimeoutException");
    link.switchTo(Mode.PASS_THROUGH);
    assertThat(get("/posts/patient").response().getStatusCode()).isEqualTo(200);
  }

  @Test
  void missingTableIs500ProblemWithTheRequestIdAndNoTrace() {
    APIGatewayV2HTTPEvent event = BlogTestBed.event("GET", "/posts/anything", Map.of());
    APIGatewayV2HTTPResponse response = BlogTestBed.invoke(handler(MotoServer.shared().dynamoDb(), "no-such-table"), event);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(BlogTestBed.json(response).path("requestId").asText())
        .isEqualTo(event.getRequestContext().getRequestId());
    assertThat(response.getBody()).doesNotContain("Exception", "at dev.", "no-such-table");
    assertThat(logs.logLines()).hasSize(1).noneMatch(line -> line.contains("no-such-table"));
  }
}
