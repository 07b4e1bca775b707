package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.coach.CoachTestBed.Caller;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** What the coach gets when DynamoDB throttles, is unreachable or the table is missing: a problem, never a trace. */
class CoachApiFaultsIT {
  private static CoachApiHandler handler(DynamoDbClient dynamoDb, String table, LocalContext context) {
    return new CoachApiHandler(new DynamoDbCoachRepository(dynamoDb, table), CoachTestBed.SECRET, Clock.systemUTC(), context.log());
  }

  private static APIGatewayV2HTTPResponse list(DynamoDbClient dynamoDb, String table, LocalContext context) {
    return StreamInvocation.http(
        handler(dynamoDb, table, context), CoachTestBed.event("GET", "/coach/consultations", null, Caller.COACH), context);
  }

  @Test
  void throttlingIs503WithRetryAfter() {
    DynamoDbClient throttled =
        new DynamoDbClient() {
          @Override
          public QueryResponse query(QueryRequest request) {
            throw ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build();
          }

          @Override
          public String serviceName() {
            return "dynamodb";
          }

          @Override
          public void close() {}
        };
    LocalContext context = new LocalContext("CoachApiFunction");

    APIGatewayV2HTTPResponse response = list(throttled, "consultations", context);

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Retry-After", String.valueOf(HttpEndpoint.RETRY_AFTER_SECONDS))
        .containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(context.logLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("\"message\":\"request.failed\"", "\"status\":503")
                    .contains("\"error\":\"ProvisionedThroughputExceededException\""));
  }

  @Test
  void unreachableDatabaseIs503WithRetryAfter() throws Exception {
    DynamoDbClient unreachable = MotoServer.shared().unreachableDynamoDb();

    APIGatewayV2HTTPResponse response = list(unreachable, "consultations", new LocalContext("CoachApiFunction"));

    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders()).containsEntry("Retry-After", String.valueOf(HttpEndpoint.RETRY_AFTER_SECONDS));
    assertThat(json(response).path("status").asInt()).isEqualTo(503);
  }

  @Test
  void missingTableIs500ProblemWithTheRequestIdAndNoTrace() {
    LocalContext context = new LocalContext("CoachApiFunction");
    APIGatewayV2HTTPEvent event = CoachTestBed.event("GET", "/coach/consultations", null, Caller.COACH);

    APIGatewayV2HTTPResponse response = StreamInvocation.http(handler(MotoServer.shared().dynamoDb(), "no-such-table", context), event, context);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response).path("requestId").asText()).isEqualTo(event.getRequestContext().getRequestId());
    assertThat(response.getBody()).doesNotContain("Exception", "at dev.", "no-such-table");
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"request.failed\"").contains("\"error\":\"ResourceNotFoundException\""));
  }
}
