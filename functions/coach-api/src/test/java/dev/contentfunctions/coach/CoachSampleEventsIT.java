package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.ids;
import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sample events of events/ (the ones `sam local invoke` users run), as bytes, against seeded requests. */
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

  private APIGatewayV2HTTPResponse handle(String sample) {
    return bed.invoke(new String(RepoPaths.sampleEvent(sample), StandardCharsets.UTF_8));
  }

  @Test
  void listSample() {
    APIGatewayV2HTTPResponse response = handle("coach-list-consultations.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(ids(json(response).path("consultations"))).contains(SAMPLE_ID, again.id(), other.id());
  }

  @Test
  void markHandledSample() {
    APIGatewayV2HTTPResponse response = handle("coach-mark-handled.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("handled");
  }

  @Test
  void erasureSample() {
    APIGatewayV2HTTPResponse response = handle("coach-erasure.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("erased").asInt()).isEqualTo(2);
    assertThat(bed.stored(other.id())).isPresent();
  }
}
