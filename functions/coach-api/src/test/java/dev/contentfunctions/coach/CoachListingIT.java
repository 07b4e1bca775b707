package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.ids;
import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The coach's inbox: requests by status, newest first, a page at a time. The data is only read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachListingIT {
  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  private final CoachTestBed bed = new CoachTestBed();
  private final List<String> newNewestFirst = new ArrayList<>();
  private final List<String> handledNewestFirst = new ArrayList<>();
  private Consultation detailed;

  @BeforeAll
  void seed() {
    for (int i = 1; i <= 27; i++) {
      Consultation c = bed.request(START.plus(Duration.ofHours(i)), "Person " + i, "person" + i + "@example.org");
      bed.seed(c);
      newNewestFirst.add(0, c.id());
    }
    for (int i = 1; i <= 6; i++) {
      Instant received = START.plus(Duration.ofMinutes(30 + 60 * i));
      Consultation c = CoachTestBed.handled(
          bed.request(received, "Handled " + i, "handled" + i + "@example.org"), received.plus(Duration.ofDays(1)));
      bed.seed(c);
      handledNewestFirst.add(0, c.id());
    }
    detailed =
        bed.request(
            START.plus(Duration.ofDays(30)),
            "Zoë Ångström-Łukasz",
            "zoe@example.org",
            "+44 20 7946 0958",
            "We argue about chores, \"a lot\".\nCan we talk?");
    bed.seed(detailed);
    newNewestFirst.add(0, detailed.id());
  }

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  @Test
  void listsNewRequestsNewestFirstWithWhatTheCoachNeeds() {
    APIGatewayV2HTTPResponse response = bed.get("/coach/consultations?status=new&limit=3");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders())
        .containsEntry("Content-Type", "application/json; charset=utf-8")
        .containsEntry("Cache-Control", "no-store");
    JsonNode consultations = json(response).path("consultations");
    assertThat(ids(consultations)).containsExactlyElementsOf(newNewestFirst.subList(0, 3));
    JsonNode first = consultations.get(0);
    assertThat(first.path("id").asText()).isEqualTo(detailed.id());
    assertThat(first.path("status").asText()).isEqualTo("new");
    assertThat(first.path("receivedAt").asText()).isEqualTo("2026-01-31T08:00:00Z");
    assertThat(first.path("handledAt").isNull()).isTrue();
    assertThat(first.path("name").asText()).isEqualTo("Zoë Ångström-Łukasz");
    assertThat(first.path("email").asText()).isEqualTo("zoe@example.org");
    assertThat(first.path("phone").asText()).isEqualTo("+44 20 7946 0958");
    assertThat(first.path("message").asText()).isEqualTo("We argue about chores, \"a lot\".\nCan we talk?");
    assertThat(first.path("preferredTimes").toString()).isEqualTo("[\"Weekday evenings\",\"Saturday morning\"]");
    assertThat(first.path("timezone").asText()).isEqualTo("Europe/London");
    assertThat(first.fieldNames()).toIterable().containsExactlyElementsOf(ConsultationJson.FIELDS);
    assertThat(json(response).path("nextCursor").isTextual()).isTrue();
  }

  @Test
  void withoutParametersListsTwentyFiveNewRequests() {
    JsonNode page = json(bed.get("/coach/consultations"));

    assertThat(ids(page.path("consultations"))).containsExactlyElementsOf(newNewestFirst.subList(0, 25));
    assertThat(page.path("nextCursor").isTextual()).isTrue();
  }

  @Test
  void pagesCoverEveryRequestOnceWithNoGaps() {
    assertThat(allPages("new", 4)).containsExactlyElementsOf(newNewestFirst);
    assertThat(allPages("handled", 4)).containsExactlyElementsOf(handledNewestFirst);
    assertThat(allPages("new", 100)).containsExactlyElementsOf(newNewestFirst);
  }

  @Test
  void lastPageHasNoCursorEvenWhenItIsFull() {
    // 6 handled requests in pages of 3: the second page is full, and nothing follows it.
    JsonNode first = json(bed.get("/coach/consultations?status=handled&limit=3"));
    JsonNode second =
        json(bed.get("/coach/consultations?status=handled&limit=3&cursor=" + first.path("nextCursor").asText()));

    assertThat(second.path("consultations")).hasSize(3);
    assertThat(second.path("nextCursor").isNull()).isTrue();
  }

  @Test
  void handledRequestsCarryWhenTheyWereHandled() {
    JsonNode newest = json(bed.get("/coach/consultations?status=handled&limit=1")).path("consultations").get(0);

    assertThat(newest.path("status").asText()).isEqualTo("handled");
    assertThat(newest.path("handledAt").asText()).isEqualTo("2026-01-02T14:30:00Z");
  }

  @Test
  void emptyCursorStartsFromTheNewest() {
    assertThat(ids(json(bed.get("/coach/consultations?limit=2&cursor=")).path("consultations")))
        .containsExactlyElementsOf(newNewestFirst.subList(0, 2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "status=open", "status=NEW", "status=", "limit=0", "limit=101", "limit=ten", "limit=-5",
        "cursor=not-a-cursor", "cursor=%21%21"
      })
  void badParametersAreProblems(String query) {
    APIGatewayV2HTTPResponse response = bed.get("/coach/consultations?" + query);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(400);
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(problem.path("requestId").asText()).isNotBlank();
  }

  @Test
  void editedForeignAndOtherSecretsCursorsAreRefused() {
    String cursor = json(bed.get("/coach/consultations?limit=2")).path("nextCursor").asText();
    char c = cursor.charAt(cursor.length() / 2);
    String edited =
        cursor.substring(0, cursor.length() / 2) + (c == 'A' ? 'B' : 'A') + cursor.substring(cursor.length() / 2 + 1);
    CoachApiHandler otherSecret = bed.handler("another-hashing-secret-0123456789abcdef");

    assertThat(bed.get("/coach/consultations?limit=2&cursor=" + edited).getStatusCode()).isEqualTo(400);
    APIGatewayV2HTTPResponse foreign = bed.get("/coach/consultations?status=handled&cursor=" + cursor);
    assertThat(foreign.getStatusCode()).isEqualTo(400);
    assertThat(json(foreign).path("detail").asText()).contains("another status");
    assertThat(
            bed.invoke(
                    otherSecret,
                    CoachTestBed.event("GET", "/coach/consultations?cursor=" + cursor, null, CoachTestBed.Caller.COACH))
                .getStatusCode())
        .isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/coach", "/coach/", "/coach/consultations/", "/coach/consultationsXcsv", "/consultations", "/coach/erasures/someone"})
  void unknownPathsAre404(String path) {
    APIGatewayV2HTTPResponse response = bed.get(path);

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(json(response).path("status").asInt()).isEqualTo(404);
  }

  @Test
  void wrongMethodsAre405WithAllow() {
    APIGatewayV2HTTPResponse postToList = bed.post("/coach/consultations", "{}");
    APIGatewayV2HTTPResponse getErasures = bed.get("/coach/erasures");
    APIGatewayV2HTTPResponse deleteHandled =
        bed.send("DELETE", "/coach/consultations/" + detailed.id() + "/handled", null, CoachTestBed.Caller.COACH);

    assertThat(postToList.getStatusCode()).isEqualTo(405);
    assertThat(postToList.getHeaders()).containsEntry("Allow", "GET");
    assertThat(getErasures.getStatusCode()).isEqualTo(405);
    assertThat(getErasures.getHeaders()).containsEntry("Allow", "POST");
    assertThat(deleteHandled.getStatusCode()).isEqualTo(405);
    assertThat(bed.stored(detailed.id()).orElseThrow().status()).isEqualTo(Consultation.Status.NEW);
  }

  @Test
  void eachRequestLogsWhatItDidAndItsOutcomeWithRouteAndCountOnly() {
    int before = bed.logLines().size();

    bed.get("/coach/consultations?limit=5");

    List<String> lines = bed.logLines().subList(before, bed.logLines().size());
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .contains("\"message\":\"consultations.listed\"")
        .contains("\"route\":\"GET /coach/consultations\"")
        .contains("\"count\":5")
        .containsPattern("\"requestId\":\"[0-9a-f-]{36}\"");
    assertThat(lines.get(1))
        .contains("\"message\":\"request.done\"", "\"path\":\"/coach/consultations\"", "\"status\":200")
        .containsPattern("\"requestId\":\"[0-9a-f-]{36}\"");
  }

  private List<String> allPages(String status, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          json(bed.get("/coach/consultations?status=" + status + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor)));
      seen.addAll(ids(page.path("consultations")));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 50);
    return seen;
  }
}
