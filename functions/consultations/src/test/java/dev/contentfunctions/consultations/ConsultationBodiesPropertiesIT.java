package dev.contentfunctions.consultations;

import static dev.contentfunctions.consultations.BookingTestBed.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.consultations.HostileSubmissions.Submission;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Generated submissions of every shape (see {@link HostileSubmissions}) through the real handler on
 * moto. Whatever arrives, the answer is a 2xx/3xx or a 4xx the client can read, never a 5xx, with
 * nosniff; a refusal stores nothing, and what is stored keeps every promise of {@link
 * RequestValidator}, checked here independently of it (no shared regexes or constants). ConsultationsIT holds the hand-picked cases;
 * this finds the combinations nobody picks.
 *
 * <p>Each run draws from a new seed ({@code -Dbooking.seed=<n>} replays one); try {@code i} of a test
 * uses seed + i. Every failure is collected, and the report names the seed and shows the smallest
 * failing submission (a try also meets what earlier tries stored, rate limits and keys: replay the
 * whole test with the seed). The oracles below are written from the documented field rules (README
 * "Booking requests"), not from the validator's code or constants. Each test counts its outcome
 * classes and requires every class it is meant to reach to have happened.
 */
class ConsultationBodiesPropertiesIT {
  /**
   * The newest requests read after each submission: a few, as those of one millisecond sort by id.
   */
  private static final int NEWEST = 5;

  private static final long SEED = Long.getLong("booking.seed", System.nanoTime());

  /** The outcome classes of one test's tries, counted. */
  private final Map<String, Integer> outcomes = new TreeMap<>();

  /** Every failed try: its report, to show the smallest. */
  private final List<String> failures = new ArrayList<>();

  /**
   * A table for each test (JUnit makes an instance per test method): moto answers a query on an
   * index by reading the whole table, so a small one keeps each try quick.
   */
  private final BookingTestBed bed = new BookingTestBed();

  /** Every request id in the table so far, to tell which records a submission added. */
  private final Set<String> storedIds = new HashSet<>();

  @Test
  void everyGeneratedJsonBodyIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long i = 0; i < 200; i++) {
      tryOnce(SEED + i, new HostileSubmissions(SEED + i).jsonSubmission());
    }
    assertAllPassedAndReached("stored", "refused 400");
  }

  @Test
  void everyGeneratedFormBodyIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long i = 0; i < 150; i++) {
      tryOnce(SEED + 1_000 + i, new HostileSubmissions(SEED + 1_000 + i).formSubmission());
    }
    assertAllPassedAndReached("stored", "redirected 303", "refused 400");
  }

  @Test
  void everyContentTypeCharsetAndEncodingIsAnsweredWithoutA5xxAndOnlyValidRequestsAreStored() {
    for (long i = 0; i < 150; i++) {
      tryOnce(SEED + 2_000 + i, new HostileSubmissions(SEED + 2_000 + i).oddlyWrappedSubmission());
    }
    assertAllPassedAndReached("refused 400", "refused 415");
  }

  /** One try: a failure is kept with its seed and submission, the run goes on. */
  private void tryOnce(long seed, Submission submission) {
    try {
      assertAnsweredSafely(submission);
    } catch (AssertionError | RuntimeException e) {
      failures.add("seed " + seed + ": " + submission + "\n" + e.getMessage());
    }
  }

  private void assertAllPassedAndReached(String... classes) {
    String replay = " (run seed " + SEED + ": -Dbooking.seed=" + SEED + "; outcomes " + outcomes + ")";
    assertThat(failures)
        .as(() -> failures.size() + " failed; the smallest:\n"
            + failures.stream().min(Comparator.comparingInt(String::length)).orElse("") + "\n" + replay)
        .isEmpty();
    for (String outcome : classes) {
      assertThat(outcomes.getOrDefault(outcome, 0)).as("tries that were " + outcome + replay).isPositive();
    }
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
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
      count("refused " + status);
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
    count(added.isEmpty() ? "answered, nothing new stored" : "stored");
    if (status == 303) {
      count("redirected 303");
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

  /** What the documented rules promise about every stored request, checked without the validator. */
  private void assertKeepsTheValidationRules(Consultation stored, String sourceIp) {
    assertThat(stored.status()).isEqualTo(Consultation.Status.NEW);
    assertThat(stored.consent()).isTrue();
    assertThat(stored.handledAt()).isNull();
    assertThat(stored.expiresAt()).isAfter(stored.receivedAt());
    assertPlainText(stored.name(), 100, false);
    assertPlainText(stored.email(), 254, false);
    assertThat(looksLikeAnAddress(stored.email())).as("an e-mail address: %s", stored.email()).isTrue();
    if (stored.phone() != null) {
      assertThat(looksLikeAPhoneNumber(stored.phone())).as("a phone number: %s", stored.phone()).isTrue();
    }
    if (stored.message() != null) {
      assertPlainText(stored.message(), 2000, true);
    }
    assertThat(stored.preferredTimes()).hasSizeLessThanOrEqualTo(5);
    stored.preferredTimes().forEach(time -> assertPlainText(time, 200, false));
    if (stored.timezone() != null) {
      assertThatCode(() -> ZoneId.of(stored.timezone())).as("an IANA time zone").doesNotThrowAnyException();
    }
    assertThat(stored.sourceIpHash()).isEqualTo(bed.hash.ofIp(sourceIp));
    assertThat(stored.emailHash()).isEqualTo(bed.hash.ofEmail(stored.email()));
  }

  /** One '@', a local part of at most 64 characters, a domain of dot-separated labels, no spaces. */
  private static boolean looksLikeAnAddress(String email) {
    int at = email.indexOf('@');
    if (at < 1 || at != email.lastIndexOf('@') || at > 64 || email.codePoints().anyMatch(Character::isWhitespace)) {
      return false;
    }
    String[] labels = email.substring(at + 1).split("\\.", -1);
    return labels.length >= 2 && Arrays.stream(labels).noneMatch(String::isEmpty);
  }

  /** 5 to 30 characters, each a digit (0-9), a space, or one of + ( ) - . */
  private static boolean looksLikeAPhoneNumber(String phone) {
    if (phone.length() < 5 || phone.length() > 30) {
      return false;
    }
    for (char c : phone.toCharArray()) {
      if (!((c >= '0' && c <= '9') || " +()-.".indexOf(c) >= 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Trimmed, not blank, within {@code max} code points, no control characters, no bidirectional
   * embeddings, overrides or isolates, no lone surrogates.
   */
  private static void assertPlainText(String value, int max, boolean multiline) {
    assertThat(value).isNotBlank().isEqualTo(value.strip());
    assertThat(value.codePointCount(0, value.length())).isLessThanOrEqualTo(max);
    value
        .codePoints()
        .forEach(
            c -> {
              boolean lineBreakOrTab = c == '\n' || c == '\r' || c == '\t';
              assertThat(Character.getType(c) == Character.CONTROL && !(multiline && lineBreakOrTab))
                  .as("control character U+%04X in a stored field", c)
                  .isFalse();
              assertThat(Set.of(0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069).contains(c))
                  .as("bidirectional control U+%04X in a stored field", c)
                  .isFalse();
              assertThat(Character.getType(c))
                  .as("lone surrogate in a stored field")
                  .isNotEqualTo((int) Character.SURROGATE);
            });
  }
}
