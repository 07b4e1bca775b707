package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.ids;
import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.testkit.EmfLines;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The handler over the in-memory repository, invoked with the events' JSON: the listing's cursors
 * (what the old InboxCursor's tests held) and events that are not what API Gateway sends.
 */
class CoachHandlerTest {
  private static final String LIST = "/coach/consultations";

  private final CoachTestBed bed = CoachTestBed.inMemory();
  private final List<String> newest = new ArrayList<>();

  @BeforeEach
  void seed() {
    for (int i = 0; i < 5; i++) {
      Consultation c = bed.request(Instant.parse("2026-01-15T10:20:30.123456Z").plus(Duration.ofMinutes(i)), "P" + i, "p" + i + "@example.org");
      bed.seed(c);
      newest.add(0, c.id());
    }
  }

  @Test
  void eachRequestIsCountedUnderItsRouteTemplateNeverItsPath() throws Exception {
    String markHandled = new String(RepoPaths.sampleEvent("coach-mark-handled.json"), StandardCharsets.UTF_8);
    bed.invoke(new String(RepoPaths.sampleEvent("coach-list-consultations.json"), StandardCharsets.UTF_8));
    bed.invoke(markHandled);

    List<String> labels = EmfLines.labels(bed.metricLines());
    assertThat(labels).contains("Answers{Route=GET /coach/consultations,StatusClass=2xx}=1.0");
    assertThat(labels).anyMatch(label -> label.startsWith("Answers{Route=POST /coach/consultations/{id}/handled,StatusClass="));
    assertThat(EmfLines.metrics(bed.metricLines()))
        .allSatisfy(datum -> assertThat(datum.dimensions()).containsEntry("Function", "CoachApi"));
    String id = Json.MAPPER.readTree(markHandled).path("pathParameters").path("id").asText();
    assertThat(id).isNotBlank();
    assertThat(bed.metricLines()).noneMatch(line -> line.contains(id));
  }

  @Test
  void cursorsLeadThroughEveryPageAndAreUrlSafe() {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page = json(bed.get(LIST + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
      seen.addAll(ids(page.path("consultations")));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      if (cursor != null) {
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
      }
    } while (cursor != null);

    assertThat(seen).containsExactlyElementsOf(newest);
  }

  @Test
  void aCursorOfTheOtherStatusIsRefusedSayingSo() {
    String cursor = nextCursor();

    APIGatewayV2HTTPResponse response = bed.get(LIST + "?status=handled&cursor=" + cursor);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).path("detail").asText()).contains("another status");
  }

  @Test
  void everySingleCharacterEditIsRefused() {
    String cursor = nextCursor();
    for (int i = 0; i < cursor.length(); i++) {
      char replacement = cursor.charAt(i) == 'x' ? 'y' : 'x';
      String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
      assertThat(bed.get(LIST + "?limit=2&cursor=" + edited).getStatusCode()).as("edit at %d", i).isEqualTo(400);
    }
  }

  @Test
  void aCursorMadeWithAnotherKeyOrInTheOldFormatIsRefused() {
    String forged =
        new CursorCodec("an-attackers-own-secret-0123456789abcdef")
            .encode("coach-consultations:new", List.of("2026-01-15T10:20:30Z", newest.get(1)));
    String oldFormat =
        Base64.getUrlEncoder().withoutPadding()
            .encodeToString(("1\nnew\n2026-01-15T10:20:30Z\n" + newest.get(1) + "\n0123456789abcdef").getBytes(StandardCharsets.UTF_8));

    assertThat(bed.get(LIST + "?cursor=" + forged).getStatusCode()).isEqualTo(400);
    assertThat(bed.get(LIST + "?cursor=" + oldFormat).getStatusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!", "AAAA", "bm90IGEgY3Vyc29y", "MQpuZXcKeAp5Cno", "%00"})
  void garbageCursorsAre400Problems(String cursor) {
    APIGatewayV2HTTPResponse response = bed.get(LIST + "?cursor=" + cursor);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json", "[]", "{\"rawPath\": 7}", "{\"requestContext\": \"x\"}", "{\"headers\": [1]}",
        "{\"requestContext\": {\"authorizer\": {\"iam\": []}}}", "{\"isBase64Encoded\": \"yes\"}"
      })
  void aMalformedEventIsA400Problem(String event) {
    APIGatewayV2HTTPResponse response = bed.invoke(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(json(response).path("requestId").asText()).isNotBlank();
  }

  @Test
  void aHugeErasureBodyIs413AndErasesNothing() {
    APIGatewayV2HTTPResponse response = bed.post("/coach/erasures", "{\"email\": \"p1@example.org\", \"pad\": \"" + "x".repeat(1_000_000) + "\"}");

    assertThat(response.getStatusCode()).isEqualTo(413);
    assertThat(bed.get(LIST + "?limit=100").getBody()).contains(newest.get(3));
  }

  @Test
  void markingAgainAnswersAsTheFirstTimeAndAnUnknownIdIs404() {
    APIGatewayV2HTTPResponse first = bed.post("/coach/consultations/" + newest.get(0) + "/handled", null);
    bed.now = bed.now.plus(Duration.ofHours(1));
    APIGatewayV2HTTPResponse again = bed.post("/coach/consultations/" + newest.get(0) + "/handled", null);

    assertThat(first.getStatusCode()).isEqualTo(200);
    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(bed.post("/coach/consultations/" + CoachTestBed.ulid(bed.now, 999) + "/handled", null).getStatusCode()).isEqualTo(404);
  }

  /** A mistyped URL can hold what someone typed: the log names the coach's route, never the path. */
  @Test
  void aMistypedPathHoldingAnAddressIsNotLogged() {
    int before = bed.logLines().size();

    APIGatewayV2HTTPResponse response = bed.get("/coach/erasures/jane.mistyped%40example.org");

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(bed.logLines().subList(before, bed.logLines().size()))
        .singleElement()
        .asString()
        .contains("\"path\":\"(no coach route)\"", "\"status\":404")
        .doesNotContain("jane", "mistyped");
  }

  private String nextCursor() {
    return json(bed.get(LIST + "?limit=2")).path("nextCursor").asText();
  }
}
