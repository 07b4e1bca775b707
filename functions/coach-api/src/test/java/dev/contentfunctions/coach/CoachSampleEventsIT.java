package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.ids;
import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of events/ (the ones `sam local invoke` users run), against seeded requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachSampleEventsIT {
  /** The request the mark-handled sample names, and the address the erasure sample erases. */
  private static final String SAMPLE_ID = "01K9JCD9DR7QW3M5XK2RFBNH8D";
  private static final String SAMPLE_EMAIL = "jamie.rivera@example.org";

  private final CoachTestBed bed = new CoachTestBed();
  private final Consultation sample = withId(bed.request(Instant.parse("2025-11-08T18:42:11.512Z"), "Jamie Rivera", SAMPLE_EMAIL));
  private final Consultation again = bed.request(Instant.parse("2025-11-09T08:00:00Z"), "Jamie Rivera", "Jamie.Rivera@example.org");
  private final Consultation other = bed.request(Instant.parse("2025-11-09T09:00:00Z"), "Robin Other", "robin.other@example.org");

  /** The same requests before each sample, whatever the samples before it changed. */
  @BeforeEach
  void seed() {
    bed.seed(sample, again, other);
  }

  private static Consultation withId(Consultation c) {
    return new Consultation(
        SAMPLE_ID, c.status(), c.receivedAt(), c.name(), c.email(), c.phone(), c.message(), c.preferredTimes(),
        c.timezone(), c.consent(), c.sourceIpHash(), c.emailHash(), c.handledAt(), c.expiresAt());
  }

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    return bed.invoke(bed.handler, event);
  }

  @ParameterizedTest
  @Event(value = "events/coach-list-consultations.json", type = APIGatewayV2HTTPEvent.class)
  void listSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(ids(json(response).path("consultations"))).contains(SAMPLE_ID, again.id(), other.id());
  }

  @ParameterizedTest
  @Event(value = "events/coach-mark-handled.json", type = APIGatewayV2HTTPEvent.class)
  void markHandledSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("handled");
  }

  @ParameterizedTest
  @Event(value = "events/coach-erasure.json", type = APIGatewayV2HTTPEvent.class)
  void erasureSample(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = handle(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("erased").asInt()).isEqualTo(2);
    assertThat(bed.stored(other.id())).isPresent();
  }
}
