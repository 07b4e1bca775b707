package dev.contentfunctions.consultations;

import static dev.contentfunctions.consultations.BookingTestBed.body;
import static dev.contentfunctions.consultations.BookingTestBed.form;
import static dev.contentfunctions.consultations.BookingTestBed.json;
import static dev.contentfunctions.consultations.BookingTestBed.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.tables.consultations.Consultation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Booking requests against moto: what visitors get back and what is stored, once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsultationsIT {
  private final BookingTestBed bed = new BookingTestBed();
  private final List<String> personalData = new ArrayList<>();

  private String email(String who) {
    String email = who + "@example.com";
    personalData.add(email);
    return email;
  }

  private String name(String name) {
    personalData.add(name);
    return name;
  }

  @Test
  void eachBookingIsCountedByItsOutcomeAndARefusalByItsReasonInTheRequestsEmfLine() {
    int before = bed.metricLines().size();
    String email = email("counted");
    String body = valid(name("Counted Person"), email, "Counted.");
    bed.send(json(body).header("Idempotency-Key", "k-metrics").sourceIp("198.51.100.60").build());
    bed.send(json(body).header("Idempotency-Key", "k-metrics").sourceIp("198.51.100.60").build());
    bed.send(json(body.replace("}", ",\"website\":\"http://spam.example\"}")).sourceIp("198.51.100.61").build());
    bed.send(json("{\"name\":\"\"}").sourceIp("198.51.100.62").build());
    bed.send(json("{not json").sourceIp("198.51.100.62").build());
    String eager = email("counted.eager");
    for (int i = 0; i <= BookingService.MAX_PER_EMAIL; i++) {
      bed.send(json(valid(name("Counted Eager"), eager, "Message " + i)).sourceIp("198.18.1." + i).build());
    }

    List<String> all = bed.metricLines();
    List<String> lines = all.subList(before, all.size());
    assertThat(lines).hasSize(5 + BookingService.MAX_PER_EMAIL + 1);
    List<String> perRequest = lines.stream().map(line -> String.join(" ", dev.contentfunctions.testkit.EmfLines.labels(List.of(line)))).toList();
    String answered = "Answers{Route=POST /consultations,StatusClass=";
    assertThat(perRequest.get(0)).contains("BookingsRecorded=1.0", "BookingsDuplicate=0.0", "BookingsUnavailable=0.0", answered + "2xx}=1.0");
    assertThat(perRequest.get(1)).contains("BookingsRecorded=0.0", "BookingsDuplicate=1.0", answered + "2xx}=1.0");
    assertThat(perRequest.get(2)).contains("BookingsRecorded=0.0", "BookingsRefused{Reason=honeypot}=1.0", answered + "2xx}=1.0");
    assertThat(perRequest.get(3)).contains("BookingsRefused{Reason=validation}=1.0", answered + "4xx}=1.0");
    assertThat(perRequest.get(4)).contains("BookingsRefused{Reason=validation}=1.0", answered + "4xx}=1.0");
    assertThat(perRequest.get(lines.size() - 1)).contains("BookingsRefused{Reason=rate-limit}=1.0", answered + "4xx}=1.0");
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain(personalData.toArray(String[]::new)).doesNotContain("198."));
  }

  @Test
  void jsonSubmissionIsRecordedOnceWithItsId() {
    String email = email("ada.lovelace");
    APIGatewayV2HTTPResponse response =
        bed.send(json(valid(name("Ada Lovelace"), email, "Feeling distant lately.")).sourceIp("198.51.100.7").build());

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeaders()).containsEntry("Cache-Control", "no-store").containsEntry("X-Content-Type-Options", "nosniff");
    String id = body(response).path("id").asText();
    assertThat(id).matches("[0-9A-HJKMNP-TV-Z]{26}");
    List<Consultation> stored = bed.requestsOf(email);
    assertThat(stored).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(id);
      assertThat(c.status()).isEqualTo(Consultation.Status.NEW);
      assertThat(c.name()).isEqualTo("Ada Lovelace");
      assertThat(c.preferredTimes()).containsExactly("Tuesday mornings", "Friday after 4pm");
      assertThat(c.timezone()).isEqualTo("Europe/London");
      assertThat(c.sourceIpHash()).isEqualTo(bed.hash.ofIp("198.51.100.7")).doesNotContain("198.51.100.7");
      assertThat(c.expiresAt()).isAfter(c.receivedAt());
    });
  }

  @Test
  void plainHtmlFormIsRecordedAndRedirectedToTheThankYouPage() {
    String email = email("grace.hopper");
    String formBody =
        "name=" + name("Grace Hopper").replace(' ', '+') + "&email=" + email.replace("@", "%40")
            + "&preferredTimes=Monday&preferredTimes=Wednesday+evening&consent=on&website=";

    APIGatewayV2HTTPResponse response = bed.send(form(formBody).sourceIp("198.51.100.8").build());

    assertThat(response.getStatusCode()).isEqualTo(303);
    assertThat(response.getHeaders()).containsEntry("Location", BookingTestBed.THANK_YOU);
    assertThat(bed.requestsOf(email)).singleElement().satisfies(c -> assertThat(c.preferredTimes()).containsExactly("Monday", "Wednesday evening"));
  }

  @Test
  void browserFormWithMistakesGetsAPageSayingWhatToFix() {
    APIGatewayV2HTTPResponse response =
        bed.send(form("name=%3Cscript%3E&email=nope&consent=").header("Accept", "text/html,application/xhtml+xml").sourceIp("198.51.100.13").build());

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
    assertThat(response.getBody())
        .contains("<li><strong>E-mail:</strong>", "<li><strong>Consent:</strong>", "Back button")
        .doesNotContain("<script>");
  }

  @Test
  void retryWithTheSameIdempotencyKeyGetsTheSameAnswerAndOneRecord() {
    String email = email("retry.person");
    String body = valid(name("Retry Person"), email, "First try.");

    APIGatewayV2HTTPResponse first = bed.send(json(body).header("Idempotency-Key", "k-123").sourceIp("198.51.100.9").build());
    APIGatewayV2HTTPResponse retry = bed.send(json(body).header("Idempotency-Key", "k-123").sourceIp("198.51.100.9").build());

    assertThat(retry.getStatusCode()).isEqualTo(201);
    assertThat(body(retry).path("id").asText()).isEqualTo(body(first).path("id").asText());
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  @Test
  void sameRequestSentAgainSoonIsOneRecordEvenWithoutAKey() {
    String email = email("double.click");
    String body = valid(name("Double Click"), email, "Same words.");

    APIGatewayV2HTTPResponse first = bed.send(json(body).sourceIp("198.51.100.10").build());
    APIGatewayV2HTTPResponse again = bed.send(json(body.replace(email, email.toUpperCase())).sourceIp("198.51.100.11").build());

    assertThat(body(again).path("id").asText()).isEqualTo(body(first).path("id").asText());
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  @Test
  void idempotencyKeyReusedForOtherDataIs422() {
    String email = email("key.reuser");
    bed.send(json(valid(name("Key Reuser"), email, "One.")).header("Idempotency-Key", "reused").sourceIp("198.51.100.12").build());

    APIGatewayV2HTTPResponse other =
        bed.send(json(valid("Key Reuser", email, "Two, different.")).header("Idempotency-Key", "reused").sourceIp("198.51.100.12").build());

    assertThat(other.getStatusCode()).isEqualTo(422);
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  @Test
  void identicalSubmissionsArrivingTogetherMakeOneRecord() throws Exception {
    String email = email("at.once");
    String body = valid(name("At Once"), email, "Sent twice at the same moment.");
    List<APIGatewayV2HTTPResponse> responses = concurrently(20, i -> json(body).header("Idempotency-Key", "same-" + (i % 2)).sourceIp("198.51.100." + (20 + i % 5)));

    assertThat(responses).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(201));
    assertThat(responses.stream().map(r -> body(r).path("id").asText()).distinct()).hasSize(1);
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  @Test
  void hundredConcurrentSubmissionsMakeExactlyOneRecordPerDistinctRequest() throws Exception {
    List<APIGatewayV2HTTPResponse> responses =
        concurrently(100, i -> json(valid("Person " + (i % 25), "person" + (i % 25) + "@example.org", "Hello " + (i % 25)))
            .sourceIp("203.0.113." + (i % 25)));

    assertThat(responses).allSatisfy(r -> assertThat(r.getStatusCode()).isEqualTo(201));
    for (int p = 0; p < 25; p++) {
      assertThat(bed.requestsOf("person" + p + "@example.org")).as("person %d", p).hasSize(1);
    }
    Set<String> ids = new HashSet<>();
    responses.forEach(r -> ids.add(body(r).path("id").asText()));
    assertThat(ids).hasSize(25);
  }

  @Test
  void floodFromOneAddressIsLimitedAndOthersAreNotAffected() {
    int accepted = 0;
    APIGatewayV2HTTPResponse limited = null;
    for (int i = 0; i < BookingService.MAX_PER_ADDRESS + 5; i++) {
      APIGatewayV2HTTPResponse response =
          bed.send(json(valid("Flooder", "flood" + i + "@example.net", "Spam " + i)).sourceIp("192.0.2.66").build());
      if (response.getStatusCode() == 201) {
        accepted++;
      } else {
        limited = response;
      }
    }
    APIGatewayV2HTTPResponse neighbour =
        bed.send(json(valid(name("Good Neighbour"), email("neighbour"), "Real request.")).sourceIp("192.0.2.67").build());

    assertThat(accepted).isEqualTo(BookingService.MAX_PER_ADDRESS);
    assertThat(limited.getStatusCode()).isEqualTo(429);
    assertThat(Long.parseLong(limited.getHeaders().get("Retry-After"))).isBetween(1L, 3600L);
    assertThat(body(limited).path("status").asInt()).isEqualTo(429);
    assertThat(neighbour.getStatusCode()).isEqualTo(201);
    for (int i = 0; i < BookingService.MAX_PER_ADDRESS; i++) {
      assertThat(bed.requestsOf("flood" + i + "@example.net")).hasSize(1);
    }
  }

  @Test
  void formWithoutAThankYouUrlIsRedirectedToTheSitesOwnThankYouPage() {
    String email = email("relative.redirect");
    String formBody = "name=" + name("Relative Redirect").replace(' ', '+') + "&email=" + email.replace("@", "%40") + "&consent=on";

    APIGatewayV2HTTPResponse response = bed.send(bed.handler(bed.dynamoDb, ""), form(formBody).sourceIp("198.51.100.14").build());

    assertThat(response.getStatusCode()).isEqualTo(303);
    assertThat(response.getHeaders()).containsEntry("Location", "/thank-you");
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  /** A client calling the API's own domain cannot pick a new address per request with the header. */
  @Test
  void viewerAddressWithoutCloudFrontsVerificationDoesNotChangeTheRateLimitKey() {
    String source = "192.0.2.81";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i <= BookingService.MAX_PER_ADDRESS; i++) {
      var request =
          json(valid(name("Forger"), email("forger" + i), "Forged " + i))
              .header(ClientAddress.VIEWER_ADDRESS, "203.0.113." + (100 + i) + ":4430" + (i % 10))
              .sourceIp(source);
      if (i % 2 == 1) {
        request.header(ClientAddress.ORIGIN_VERIFY, "not-" + BookingTestBed.ORIGIN_VERIFY);
      }
      statuses.add(bed.send(request.build()).getStatusCode());
    }

    assertThat(statuses.subList(0, BookingService.MAX_PER_ADDRESS)).containsOnly(201);
    assertThat(statuses.get(BookingService.MAX_PER_ADDRESS)).isEqualTo(429);
    assertThat(bed.requestsOf("forger0@example.com"))
        .singleElement()
        .satisfies(c -> assertThat(c.sourceIpHash()).isEqualTo(bed.hash.ofIp(source)));
  }

  /** Behind CloudFront every visitor arrives from a CloudFront address; each is limited on their own. */
  @Test
  void viewersBehindOneCloudFrontAddressAreLimitedSeparately() {
    String cloudFront = "192.0.2.90";
    String ipv6Viewer = "2001:db8:0:0::7";
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i <= BookingService.MAX_PER_ADDRESS; i++) {
      first.add(
          bed.send(
                  json(valid(name("First Viewer"), email("first.viewer" + i), "Hello " + i))
                      .header(ClientAddress.VIEWER_ADDRESS, "198.51.100.91:" + (40000 + i))
                      .header(ClientAddress.ORIGIN_VERIFY, BookingTestBed.ORIGIN_VERIFY)
                      .sourceIp(cloudFront)
                      .build())
              .getStatusCode());
    }
    APIGatewayV2HTTPResponse second =
        bed.send(
            json(valid(name("Second Viewer"), email("second.viewer"), "Hello"))
                .header(ClientAddress.VIEWER_ADDRESS, ipv6Viewer + ":51234")
                .header(ClientAddress.ORIGIN_VERIFY, BookingTestBed.ORIGIN_VERIFY)
                .sourceIp(cloudFront)
                .build());

    assertThat(first.subList(0, BookingService.MAX_PER_ADDRESS)).containsOnly(201);
    assertThat(first.get(BookingService.MAX_PER_ADDRESS)).isEqualTo(429);
    assertThat(second.getStatusCode()).isEqualTo(201);
    assertThat(bed.requestsOf("first.viewer0@example.com"))
        .singleElement()
        .satisfies(c -> assertThat(c.sourceIpHash()).isEqualTo(bed.hash.ofIp("198.51.100.91")));
    assertThat(bed.requestsOf("second.viewer@example.com"))
        .singleElement()
        .satisfies(c -> assertThat(c.sourceIpHash()).isEqualTo(bed.hash.ofIp("2001:db8:0:0:0:0:0:7")));
  }

  @Test
  void oneAddressCannotBookMoreThanItsLimit() {
    String email = email("eager");
    int accepted = 0;
    for (int i = 0; i < BookingService.MAX_PER_EMAIL + 2; i++) {
      if (bed.send(json(valid(name("Eager"), email, "Message " + i)).sourceIp("198.18.0." + i).build()).getStatusCode() == 201) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(BookingService.MAX_PER_EMAIL);
    assertThat(bed.requestsOf(email)).hasSize(BookingService.MAX_PER_EMAIL);
  }

  @Test
  void filledHoneypotIsAnsweredLikeASuccessButNotRecorded() {
    String email = email("bot");
    String body = valid(name("Bot"), email, "Buy things").replace("}", ",\"website\":\"http://spam.example\"}");

    APIGatewayV2HTTPResponse response = bed.send(json(body).sourceIp("198.51.100.30").build());

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(body(response).path("id").asText()).hasSize(26);
    assertThat(bed.requestsOf(email)).isEmpty();
  }

  @Test
  void everyInvalidFieldIsNamedWithWhatToDo() {
    String body =
        "{\"name\":\"\",\"email\":\"not-an-address\",\"phone\":\"call me\",\"timezone\":\"Mars/Base\","
            + "\"message\":\"" + "x".repeat(RequestValidator.MAX_MESSAGE + 1) + "\",\"preferredTimes\":[1,2],\"consent\":false}";

    APIGatewayV2HTTPResponse response = bed.send(json(body).sourceIp("198.51.100.31").build());

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    body(response).path("errors").forEach(e -> {
      fields.add(e.path("field").asText());
      assertThat(e.path("message").asText()).isNotBlank();
    });
    assertThat(fields).containsExactlyInAnyOrder("name", "email", "phone", "timezone", "message", "preferredTimes", "consent");
  }

  @Test
  void hostileBodiesAreRefusedWithTheRightStatusAndNothingIsStored() {
    String email = email("hostile");
    String good = valid("Hostile", email, "x");
    record Case(String contentType, String body, int status) {}
    List<Case> cases =
        List.of(
            new Case("application/json", "{\"name\": \"A\", ", 400),
            new Case("application/json", "[1,2,3]", 400),
            new Case("application/json", "\"just a string\"", 400),
            new Case("application/json", "{\"name\":\"A\",\"name\":\"B\"}", 400),
            new Case("application/json", "[".repeat(5000) + "]".repeat(5000), 400),
            new Case("application/json", "{\"a\":" + "{\"a\":".repeat(50) + "1" + "}".repeat(51), 400),
            new Case("application/json", good + good, 400),
            new Case("application/json", "{\"name\":\"" + "y".repeat(20_000) + "\"}", 413),
            new Case("text/plain", good, 415),
            new Case("application/json; charset=iso-8859-1", good, 415),
            new Case(null, good, 415),
            new Case(";", good, 415),
            new Case("application/x-www-form-urlencoded", "name=%ZZ", 400),
            new Case("application/json", good.replace("Hostile", "Hos\\u0000tile"), 400),
            new Case("application/json", good.replace("Hostile", "Hos\\u202etile\\u0007"), 400),
            new Case("application/json", good.replace("Hostile", "Hos\\u202etile"), 400),
            new Case("application/json", good.replace("Hostile", "Hos\\u2067tile\\u2069"), 400),
            new Case("application/json", good.replace("\"consent\":true", "\"consent\":\"maybe\""), 400),
            new Case("application/json", good.replace("\"Hostile\"", "{\"first\":\"Hostile\"}"), 400));
    for (Case c : cases) {
      var request = dev.contentfunctions.localaws.HttpApiRequest.of("POST", "/consultations").body(c.body()).sourceIp("198.51.100.40");
      if (c.contentType() != null) {
        request.header("Content-Type", c.contentType());
      }
      APIGatewayV2HTTPResponse response = bed.send(request.build());
      assertThat(response.getStatusCode()).as(String.valueOf(c.body()).substring(0, Math.min(40, c.body().length()))).isEqualTo(c.status());
      assertThat(body(response).path("status").asInt()).isEqualTo(c.status());
    }
    assertThat(bed.requestsOf(email)).isEmpty();
  }

  @Test
  void base64EncodedBodiesAreReadAsApiGatewaySendsThem() {
    String email = email("base64");
    byte[] bytes = valid(name("Zoë Ünicode 🌿"), email, "Ça va? مرحبا").getBytes(StandardCharsets.UTF_8);

    APIGatewayV2HTTPResponse response =
        bed.send(dev.contentfunctions.localaws.HttpApiRequest.of("POST", "/consultations")
            .header("Content-Type", "application/json; charset=UTF-8").body(bytes).sourceIp("198.51.100.41").build());

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(bed.requestsOf(email)).singleElement().extracting(Consultation::name).isEqualTo("Zoë Ünicode 🌿");
  }

  @Test
  void bodiesThatAreNotUtf8AreRefusedNamingTheEncodingAndNothingIsStored() {
    String email = email("not.utf8");
    String good = valid(name("Broken Bytes"), email, "x");
    byte[] latin1Name = good.replace("Broken Bytes", "Bro\u00efken").getBytes(StandardCharsets.ISO_8859_1);
    String form = "name=Broken+Bytes&email=" + email.replace("@", "%40") + "&consent=on&message=";
    record Case(String label, APIGatewayV2HTTPEvent event) {}
    APIGatewayV2HTTPEvent base64Json = json(good).sourceIp("198.51.100.42").build();
    base64Json.setBody(Base64.getEncoder().encodeToString(latin1Name));
    base64Json.setIsBase64Encoded(true);
    APIGatewayV2HTTPEvent loneSurrogate = json(good).sourceIp("198.51.100.42").build();
    loneSurrogate.setBody(good.replace("Broken Bytes", "Broken \ud800Bytes"));
    List<Case> cases =
        List.of(
            // API Gateway passes a JSON body as text: bytes that were not UTF-8 arrive as U+FFFD.
            new Case("JSON as text", json("").body(latin1Name).sourceIp("198.51.100.42").build()),
            new Case("JSON in base64", base64Json),
            new Case("JSON as text with a lone surrogate", loneSurrogate),
            new Case("form in base64", form("").body((form + "caf\u00e9").getBytes(StandardCharsets.ISO_8859_1)).sourceIp("198.51.100.42").build()),
            new Case("form, percent-encoded Latin-1", form(form + "caf%E9").sourceIp("198.51.100.42").build()),
            new Case("form, percent-encoded overlong slash", form(form + "%C0%AF").sourceIp("198.51.100.42").build()),
            new Case("form, percent-encoded truncated euro", form(form + "5%E2%82").sourceIp("198.51.100.42").build()),
            new Case("form, percent-encoded surrogate", form(form + "%ED%A0%80").sourceIp("198.51.100.42").build()));
    SoftAssertions softly = new SoftAssertions();
    for (Case c : cases) {
      APIGatewayV2HTTPResponse response = bed.send(c.event());

      softly.assertThat(response.getStatusCode()).as(c.label()).isEqualTo(400);
      softly.assertThat(response.getHeaders().get("Content-Type")).as(c.label()).startsWith("application/problem+json");
      softly.assertThat(response.getBody()).as(c.label()).contains("UTF-8");
    }
    softly.assertThat(bed.requestsOf(email)).isEmpty();
    softly.assertAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   ", "\t"})
  void emptyOrBlankIdempotencyKeyIs400AndStoresNothing(String key) {
    String email = email("blank.key");
    APIGatewayV2HTTPResponse response =
        bed.send(json(valid(name("Blank Key"), email, "Hello.")).header("Idempotency-Key", key).sourceIp("198.51.100.43").build());

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(body(response).path("detail").asText()).contains("Idempotency-Key");
    assertThat(bed.requestsOf(email)).isEmpty();
  }

  @Test
  void wrongMethodIs405() {
    assertThat(bed.send(dev.contentfunctions.localaws.HttpApiRequest.of("GET", "/consultations").build()).getStatusCode()).isEqualTo(405);
  }

  @AfterAll
  void noLogLineCarriesPersonalData() {
    assertThat(bed.logLines()).isNotEmpty();
    for (String line : bed.logLines()) {
      for (String value : personalData) {
        assertThat(line).doesNotContainIgnoringCase(value);
      }
      assertThat(line).doesNotContain("198.51.100.", "192.0.2.", "203.0.113.", "2001:db8", "example.com", "example.net", "example.org");
    }
  }

  private interface RequestFor {
    dev.contentfunctions.localaws.HttpApiRequest build(int i);
  }

  private List<APIGatewayV2HTTPResponse> concurrently(int n, RequestFor requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 32));
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<APIGatewayV2HTTPResponse>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        var event = requests.build(i).build();
        futures.add(pool.submit(() -> {
          start.await();
          return bed.send(event);
        }));
      }
      start.countDown();
      List<APIGatewayV2HTTPResponse> responses = new ArrayList<>();
      for (Future<APIGatewayV2HTTPResponse> f : futures) {
        responses.add(f.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }
}
