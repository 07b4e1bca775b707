package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import dev.contentfunctions.localaws.StreamInvocation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Erasure removes every request of one address, however it was typed, and nobody else's. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachErasureIT {
  private final CoachTestBed bed = new CoachTestBed();

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  @Test
  void erasesExactlyThatPersonsRequestsWhateverTheCase() {
    Consultation first = bed.request(Instant.parse("2026-01-05T10:00:00Z"), "Jane Erase", "jane.erase@example.org");
    Consultation second =
        CoachTestBed.handled(
            bed.request(Instant.parse("2026-01-06T10:00:00Z"), "Jane E.", "Jane.Erase@Example.ORG"),
            Instant.parse("2026-01-07T10:00:00Z"));
    Consultation third = bed.request(Instant.parse("2026-01-08T10:00:00Z"), "J. Erase", " JANE.ERASE@example.org ");
    Consultation sameName = bed.request(Instant.parse("2026-01-05T11:00:00Z"), "Jane Erase", "jane.keep@example.org");
    Consultation similar = bed.request(Instant.parse("2026-01-05T12:00:00Z"), "Someone Else", "jane.erase@example.com");
    bed.seed(first, second, third, sameName, similar);

    APIGatewayV2HTTPResponse response = bed.erase("JANE.erase@EXAMPLE.org");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    assertThat(json(response).path("erased").asInt()).isEqualTo(3);
    assertThat(bed.stored(first.id())).isEmpty();
    assertThat(bed.stored(second.id())).isEmpty();
    assertThat(bed.stored(third.id())).isEmpty();
    assertThat(bed.stored(sameName.id())).isPresent();
    assertThat(bed.stored(similar.id())).isPresent();
  }

  @Test
  void erasingAgainOrAnUnknownAddressErasesNothing() {
    Consultation request = bed.request(Instant.parse("2026-01-09T10:00:00Z"), "Kim Again", "kim.again@example.org");
    bed.seed(request);

    assertThat(json(bed.erase("kim.again@example.org")).path("erased").asInt()).isEqualTo(1);
    assertThat(json(bed.erase("kim.again@example.org")).path("erased").asInt()).isEqualTo(0);
    assertThat(json(bed.erase("nobody.here@example.org")).path("erased").asInt()).isEqualTo(0);
  }

  @Test
  void erasesEveryPageOfOnePersonsRequests() {
    int count = DynamoDbCoachRepository.READ_PAGE_SIZE + 7;
    for (int i = 0; i < count; i++) {
      bed.seed(bed.request(Instant.parse("2025-06-01T00:00:00Z").plusSeconds(i), "Frequent Booker", "frequent@example.org"));
    }
    Consultation other = bed.request(Instant.parse("2025-06-01T00:00:30Z"), "Other Booker", "other.booker@example.org");
    bed.seed(other);

    assertThat(json(bed.erase("frequent@example.org")).path("erased").asInt()).isEqualTo(count);
    assertThat(bed.stored(other.id())).isPresent();
  }

  @Test
  void base64EncodedBodyIsRead() {
    Consultation request = bed.request(Instant.parse("2026-01-10T10:00:00Z"), "Lee Encoded", "lee.encoded@example.org");
    bed.seed(request);
    APIGatewayV2HTTPEvent event =
        CoachTestBed.event(
            "POST",
            "/coach/erasures",
            Base64.getEncoder().encodeToString("{\"email\":\"lee.encoded@example.org\"}".getBytes(StandardCharsets.UTF_8)),
            CoachTestBed.Caller.COACH);
    event.setIsBase64Encoded(true);

    assertThat(json(bed.invoke(bed.handler, event)).path("erased").asInt()).isEqualTo(1);
  }

  /**
   * An address whose bytes were not UTF-8 (here Latin-1) is not the stored one: answered "erased 0",
   * the coach would believe the person gone. API Gateway passes JSON as text, with U+FFFD for such
   * bytes; in base64 the bytes themselves arrive.
   */
  @Test
  void addressThatIsNotUtf8Is400NamingTheEncodingAndErasesNothing() {
    Consultation request = bed.request(Instant.parse("2026-01-12T10:00:00Z"), "Zo\u00eb Latin", "zo\u00eb.latin@example.org");
    bed.seed(request);
    byte[] latin1 = "{\"email\":\"zo\u00eb.latin@example.org\"}".getBytes(StandardCharsets.ISO_8859_1);
    APIGatewayV2HTTPEvent asText =
        CoachTestBed.event("POST", "/coach/erasures", new String(latin1, StandardCharsets.UTF_8), CoachTestBed.Caller.COACH);
    APIGatewayV2HTTPEvent inBase64 =
        CoachTestBed.event("POST", "/coach/erasures", Base64.getEncoder().encodeToString(latin1), CoachTestBed.Caller.COACH);
    inBase64.setIsBase64Encoded(true);
    // Escaped in the event's JSON: no serializer writes a lone surrogate into a body for us.
    String loneSurrogate =
        new String(StreamInvocation.toJson(CoachTestBed.event("POST", "/coach/erasures", "{}", CoachTestBed.Caller.COACH)), StandardCharsets.UTF_8)
            .replace("\"body\":\"{}\"", "\"body\":\"{\\\"email\\\":\\\"zo\\ud800.latin@example.org\\\"}\"");
    assertThat(loneSurrogate).contains("\\ud800");

    java.util.List<APIGatewayV2HTTPResponse> responses =
        java.util.List.of(bed.invoke(bed.handler, asText), bed.invoke(bed.handler, inBase64), bed.invoke(loneSurrogate));
    for (APIGatewayV2HTTPResponse response : responses) {
      assertThat(response.getStatusCode()).isEqualTo(400);
      assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
      assertThat(json(response).path("detail").asText()).contains("UTF-8");
    }
    assertThat(bed.stored(request.id())).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "   ", "not json", "[]", "\"x@example.org\"", "{}", "{\"email\": null}", "{\"email\": 42}",
        "{\"email\": \"\"}", "{\"email\": \"no-at-sign\"}", "{\"email\": \"two@@example.org\"}",
        "{\"email\": \"spa ce@example.org\"}", "{\"address\": \"x@example.org\"}"
      })
  void missingOrInvalidBodyIs400(String body) {
    APIGatewayV2HTTPResponse response = bed.post("/coach/erasures", body);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
  }

  @Test
  void absentBodyAndOverlongAddressAre400AndAnOversizedBody413() {
    assertThat(bed.post("/coach/erasures", null).getStatusCode()).isEqualTo(400);
    assertThat(bed.erase("a".repeat(250) + "@example.org").getStatusCode()).isEqualTo(400);
    assertThat(bed.post("/coach/erasures", "{\"email\": \"" + "a".repeat(5000) + "@example.org\"}").getStatusCode())
        .isEqualTo(413);
  }

  @Test
  void addressInTheUrlIsRefusedEvenWithABody() {
    Consultation request = bed.request(Instant.parse("2026-01-11T10:00:00Z"), "Max Url", "max.url@example.org");
    bed.seed(request);

    APIGatewayV2HTTPResponse response =
        bed.post("/coach/erasures?email=max.url%40example.org", "{\"email\": \"max.url@example.org\"}");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("body");
    assertThat(bed.stored(request.id())).isPresent();
  }
}
