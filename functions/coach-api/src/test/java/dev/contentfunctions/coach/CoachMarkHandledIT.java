package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.ids;
import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Marking a request handled moves it from the new listing to the handled one, once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachMarkHandledIT {
  private final CoachTestBed bed = new CoachTestBed();

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  @Test
  void markingMovesTheRequestFromNewToHandled() {
    Consultation older = bed.request(Instant.parse("2026-01-20T10:00:00Z"), "Ada Older", "ada@example.org");
    Consultation newer = bed.request(Instant.parse("2026-01-21T10:00:00Z"), "Bo Newer", "bo@example.org");
    bed.seed(older, newer);

    APIGatewayV2HTTPResponse response = bed.post("/coach/consultations/" + older.id() + "/handled", null);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store");
    JsonNode handled = json(response);
    assertThat(handled.path("id").asText()).isEqualTo(older.id());
    assertThat(handled.path("status").asText()).isEqualTo("handled");
    assertThat(handled.path("handledAt").asText()).isEqualTo(bed.now.toString());
    assertThat(handled.path("name").asText()).isEqualTo("Ada Older");
    assertThat(ids(json(bed.get("/coach/consultations?status=new")).path("consultations")))
        .contains(newer.id())
        .doesNotContain(older.id());
    assertThat(ids(json(bed.get("/coach/consultations?status=handled")).path("consultations"))).contains(older.id());
    Consultation stored = bed.stored(older.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Consultation.Status.HANDLED);
    assertThat(stored.receivedAt()).isEqualTo(older.receivedAt());
    assertThat(stored.email()).isEqualTo(older.email());
    assertThat(stored.emailHash()).isEqualTo(older.emailHash());
  }

  @Test
  void markingTwiceIs200AndKeepsTheFirstTime() {
    Consultation request = bed.request(Instant.parse("2026-01-22T10:00:00Z"), "Cy Twice", "cy@example.org");
    bed.seed(request);
    Instant first = bed.now;

    APIGatewayV2HTTPResponse once = bed.post("/coach/consultations/" + request.id() + "/handled", null);
    bed.now = first.plus(Duration.ofHours(5));
    APIGatewayV2HTTPResponse twice = bed.post("/coach/consultations/" + request.id() + "/handled", null);
    bed.now = first;

    assertThat(once.getStatusCode()).isEqualTo(200);
    assertThat(twice.getStatusCode()).isEqualTo(200);
    assertThat(json(twice).path("handledAt").asText()).isEqualTo(first.toString());
    assertThat(bed.stored(request.id()).orElseThrow().handledAt()).isEqualTo(first);
    assertThat(ids(json(bed.get("/coach/consultations?status=handled&limit=100")).path("consultations")))
        .containsOnlyOnce(request.id());
  }

  @Test
  void unknownRequestIs404AndNothingIsCreated() {
    String id = CoachTestBed.ulid(Instant.parse("2026-01-23T10:00:00Z"), 999_999);

    APIGatewayV2HTTPResponse response = bed.post("/coach/consultations/" + id + "/handled", null);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(bed.stored(id)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "01ARZ3NDEKTSV4RRFFQ69G5FA", // 25 characters
        "01ARZ3NDEKTSV4RRFFQ69G5FAVX", // 27
        "01arz3ndektsv4rrffq69g5fav", // lower case
        "01ARZ3NDEKTSV4RRFFQ69G5FAU", // U is not Crockford base32
        "01ARZ3NDEKTSV4RRFFQ69G5FAI",
        "81ARZ3NDEKTSV4RRFFQ69G5FAV", // past the 48-bit time
        "someone%40example.org"
      })
  void idThatIsNotAUlidIs400(String id) {
    APIGatewayV2HTTPResponse response = bed.post("/coach/consultations/" + id + "/handled", null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("26 characters");
  }
}
