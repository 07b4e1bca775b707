package dev.contentfunctions.consultations;

import static dev.contentfunctions.consultations.BookingTestBed.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.consultations.HostileSubmissions.Submission;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Generated submissions of every shape (see {@link HostileSubmissions}) through the real handler on
 * moto. Whatever arrives, the answer is a 2xx/3xx or a 4xx the client can read, never a 5xx, with
 * nosniff; a refusal stores nothing, and what is stored keeps every promise of {@link
 * RequestValidator}, checked here independently of it. ConsultationsIT holds the hand-picked cases;
 * this finds the combinations nobody picks.
 *
 * <p>Each try draws its submission from its own fixed seed, and a failure names the seed and the
 * submission. Each test has its own range of seeds, so that no two send the same field sets. A try
 * also meets what the earlier tries of its test stored (rate limits, idempotency keys): to replay a
 * failure, run its whole test again, which sends the same submissions in the same order.
 */
class ConsultationBodiesPropertiesIT {
  /**
   * The newest requests read after each submission: a few, as those of one millisecond sort by id.
   */
  private static final int NEWEST = 5;

  // The validator's rules, restated: a stored record is checked against these, not against its
  // code.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
  private static final Pattern PHONE = Pattern.compile("[0-9+()\\-. ]{5,30}");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  /**
   * A table for each test (JUnit makes an instance per test method): moto answers a query on an
   * index by reading the whole table, so a small one keeps each try quick.
   */
  private final BookingTestBed bed = new BookingTestBed();

  /** Every request id in the table so far, to tell which records a submission added. */
  private final Set<String> storedIds = new HashSet<>();

  @Test
  void everyGeneratedJsonBodyIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long seed = 0; seed < 200; seed++) {
      assertAnsweredSafely(seed, new HostileSubmissions(seed).jsonSubmission());
    }
  }

  @Test
  void everyGeneratedFormBodyIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long seed = 1_000; seed < 1_150; seed++) {
      assertAnsweredSafely(seed, new HostileSubmissions(seed).formSubmission());
    }
  }

  @Test
  void everyContentTypeCharsetAndEncodingIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long seed = 2_000; seed < 2_150; seed++) {
      assertAnsweredSafely(seed, new HostileSubmissions(seed).oddlyWrappedSubmission());
    }
  }

  /** One try: a failure of any kind names the seed and the submission, so it can be replayed. */
  private void assertAnsweredSafely(long seed, Submission submission) {
    try {
      assertAnsweredSafely(submission);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("seed " + seed + ": " + submission + "\n" + e.getMessage(), e);
    }
  }

  private void assertAnsweredSafely(Submission submission) {
    APIGatewayV2HTTPResponse response = bed.send(submission.event());
    int status = response.getStatusCode();
    List<Consultation> added = newlyStored();

    assertThat(status).as("status").isBetween(200, 499);
    assertThat(response.getHeaders()).containsEntry("X-Content-Type-Options", "nosniff");
    if (submission.transport() == HostileSubmissions.Transport.BASE64_OF_INVALID_UTF8) {
      assertThat(status).as("bytes that are not UTF-8 are refused, never stored as U+FFFD").isBetween(400, 499);
    }
    if (status >= 400) {
      assertThat(added).as("records stored although refused with %d", status).isEmpty();
      if (submission.isBrowserForm()) {
        assertThat(response.getHeaders().get("Content-Type")).startsWith("text/html");
        assertThat(response.getBody()).contains("<h1>").doesNotContain("<script");
      } else {
        assertIsProblem(response);
      }
      return;
    }
    assertThat(added).as("records stored by one submission").hasSizeLessThanOrEqualTo(1);
    if (status == 303) {
      assertThat(response.getHeaders()).containsEntry("Location", BookingTestBed.THANK_YOU);
    } else {
      assertThat(status).isEqualTo(201);
      String id = body(response).path("id").asText();
      // None added: a repeat of an earlier request (answered with its id) or a filled honeypot.
      added.forEach(c -> assertThat(c.id()).isEqualTo(id));
    }
    added.forEach(c -> assertKeepsTheValidationRules(c, submission.sourceIp()));
  }

  private static void assertIsProblem(APIGatewayV2HTTPResponse response) {
    assertThat(response.getHeaders().get("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = body(response);
    assertThat(problem.path("status").asInt()).isEqualTo(response.getStatusCode());
    assertThat(problem.path("title").asText()).isNotBlank();
  }

  /**
   * The requests stored since the last call. A submission adds at most one, and it is then among
   * the newest by time received (the ByStatus index's sort key, which projects whole items):
   * reading a few newest keeps each try's cost flat as the table grows.
   */
  private List<Consultation> newlyStored() {
    List<Consultation> added = new ArrayList<>();
    bed.dynamoDb
        .query(
            r ->
                r.tableName(bed.table)
                    .indexName(ConsultationMapper.BY_STATUS_INDEX)
                    .keyConditionExpression("statusPk = :status")
                    .expressionAttributeValues(
                        Map.of(
                            ":status",
                            AttributeValue.fromS(
                                ConsultationMapper.statusPartition(Consultation.Status.NEW))))
                    .scanIndexForward(false)
                    .limit(NEWEST))
        .items()
        .forEach(
            item -> {
              if (storedIds.add(item.get(ConsultationMapper.ID).s())) {
                added.add(ConsultationMapper.fromItem(item));
              }
            });
    return added;
  }

  /** What RequestValidator and BookingService promise about every stored request. */
  private void assertKeepsTheValidationRules(Consultation stored, String sourceIp) {
    assertThat(stored.status()).isEqualTo(Consultation.Status.NEW);
    assertThat(stored.consent()).isTrue();
    assertThat(stored.handledAt()).isNull();
    assertThat(stored.expiresAt()).isAfter(stored.receivedAt());
    assertPlainText(stored.name(), RequestValidator.MAX_NAME, false);
    assertPlainText(stored.email(), RequestValidator.MAX_EMAIL, false);
    assertThat(stored.email()).matches(EMAIL);
    if (stored.phone() != null) {
      assertThat(stored.phone()).matches(PHONE);
    }
    if (stored.message() != null) {
      assertPlainText(stored.message(), RequestValidator.MAX_MESSAGE, true);
    }
    assertThat(stored.preferredTimes()).hasSizeLessThanOrEqualTo(RequestValidator.MAX_TIMES);
    stored
        .preferredTimes()
        .forEach(time -> assertPlainText(time, RequestValidator.MAX_TIME_TEXT, false));
    if (stored.timezone() != null) {
      assertThat(ZONES).contains(stored.timezone());
    }
    assertThat(stored.sourceIpHash()).isEqualTo(bed.hash.ofIp(sourceIp));
    assertThat(stored.emailHash()).isEqualTo(bed.hash.ofEmail(stored.email()));
  }

  /**
   * Trimmed, not blank, within {@code max} code points, no control characters, bidi controls or lone
   * surrogates.
   */
  private static void assertPlainText(String value, int max, boolean multiline) {
    assertThat(value).isNotBlank().isEqualTo(value.strip());
    assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(max);
    value
        .codePoints()
        .forEach(
            c -> {
              boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
              assertThat(Character.isISOControl(c) && !(multiline && lineBreakOrTab))
                  .as("control character U+%04X in a stored field", c)
                  .isFalse();
              assertThat((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
                  .as("bidirectional control U+%04X in a stored field", c)
                  .isFalse();
              assertThat(Character.getType(c))
                  .as("lone surrogate in a stored field")
                  .isNotEqualTo((int) Character.SURROGATE);
            });
  }
}
