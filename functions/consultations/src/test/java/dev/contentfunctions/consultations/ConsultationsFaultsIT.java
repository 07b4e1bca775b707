package dev.contentfunctions.consultations;

import static dev.contentfunctions.consultations.BookingTestBed.body;
import static dev.contentfunctions.consultations.BookingTestBed.json;
import static dev.contentfunctions.consultations.BookingTestBed.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.testkit.FaultyLink;
import dev.contentfunctions.testkit.FaultyLink.Mode;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.tables.consultations.Consultation;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB failing after the visitor pressed "send": the visitor is asked to send again, and the
 * request sent again with the same Idempotency-Key is recorded once, even when the first was
 * recorded without the visitor learning it. The handler's client has the limits it has in Lambda
 * and reaches moto through a {@link FaultyLink}.
 */
class ConsultationsFaultsIT {
  private static final String NAME = "Faye Fault";
  private static final String EMAIL = "faye.fault@example.com";

  private final BookingTestBed bed = new BookingTestBed();
  private final FaultyLink link = FaultyLink.to(bed.moto.endpoint());
  private final DynamoDbClient dynamoDb =
      AwsClients.withLimits(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE)
          .endpointOverride(link.endpoint())
          .region(bed.moto.region())
          .credentialsProvider(bed.moto.credentials())
          .build();
  private final ConsultationsHandler handler = bed.handler(dynamoDb);

  @AfterEach
  void closeLinkAndCheckLogs() {
    dynamoDb.close();
    link.close();
    for (String line : bed.logLines()) {
      assertThat(line).doesNotContain(NAME, EMAIL, "198.51.100.");
    }
  }

  private List<String> lastLogLines = List.of();

  private APIGatewayV2HTTPResponse send(String idempotencyKey) {
    APIGatewayV2HTTPEvent event =
        json(valid(NAME, EMAIL, "Sent while the database had trouble."))
            .header("Idempotency-Key", idempotencyKey)
            .sourceIp("198.51.100.60")
            .build();
    int before = bed.logLines().size();
    APIGatewayV2HTTPResponse response = bed.send(handler, event);
    lastLogLines = List.copyOf(bed.logLines().subList(before, bed.logLines().size()));
    return response;
  }

  private void assertAskedToSendAgain(APIGatewayV2HTTPResponse response) {
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(response.getHeaders())
        .containsEntry("Retry-After", Integer.toString(HttpEndpoint.RETRY_AFTER_SECONDS))
        .containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(body(response).path("status").asInt()).isEqualTo(503);
    assertThat(lastLogLines)
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"request.failed\"", "\"status\":503"));
  }

  @Test
  void stoppedDatabaseAsksForARetryAndTheRetryWithTheSameKeyRecordsOnce() {
    link.switchTo(Mode.DOWN);
    assertAskedToSendAgain(send("stopped-1"));
    assertThat(bed.requestsOf(EMAIL)).isEmpty();

    link.switchTo(Mode.PASS_THROUGH);
    APIGatewayV2HTTPResponse retry = send("stopped-1");
    APIGatewayV2HTTPResponse again = send("stopped-1");

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(again.getStatusCode()).isEqualTo(201);
    String id = body(retry).path("id").asText();
    assertThat(body(again).path("id").asText()).isEqualTo(id);
    assertThat(bed.requestsOf(EMAIL)).singleElement().extracting(Consultation::id).isEqualTo(id);
    List<String> lines = bed.metricLines();
    assertThat(lines).hasSize(3);
    assertThat(dev.contentfunctions.testkit.EmfLines.labels(lines.subList(0, 1)))
        .contains("BookingsUnavailable=1.0", "BookingsRecorded=0.0", "Answers{Route=POST /consultations,StatusClass=5xx}=1.0");
    assertThat(dev.contentfunctions.testkit.EmfLines.labels(lines.subList(1, 2))).contains("BookingsRecorded=1.0");
    assertThat(dev.contentfunctions.testkit.EmfLines.labels(lines.subList(2, 3))).contains("BookingsDuplicate=1.0");
  }

  @Test
  void requestRecordedWithoutTheVisitorLearningItIsAnsweredWithItsIdWhenSentAgain() {
    // The two idempotency reads pass; the transaction is applied and its answer lost, as are the
    // answers to the SDK's retries of it.
    link.switchAfter(2, Mode.LOSE_ANSWERS);
    assertAskedToSendAgain(send("lost-1"));
    List<Consultation> recorded = bed.requestsOf(EMAIL);
    assertThat(recorded).as("recorded although the visitor was asked to send again").hasSize(1);

    link.switchTo(Mode.PASS_THROUGH);
    APIGatewayV2HTTPResponse retry = send("lost-1");
    APIGatewayV2HTTPResponse again = send("lost-1");

    String id = recorded.get(0).id();
    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(body(retry).path("id").asText()).isEqualTo(id);
    assertThat(body(again).path("id").asText()).isEqualTo(id);
    assertThat(bed.requestsOf(EMAIL)).singleElement().extracting(Consultation::id).isEqualTo(id);
  }
}
