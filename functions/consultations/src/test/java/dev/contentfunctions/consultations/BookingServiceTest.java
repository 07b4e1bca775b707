package dev.contentfunctions.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.consultations.BookingService.Result;
import dev.contentfunctions.consultations.BookingService.Submission;
import dev.contentfunctions.tables.consultations.BookingRepository.IdempotencyKey.Kind;
import dev.contentfunctions.tables.consultations.BookingRepository.RateCounter;
import dev.contentfunctions.tables.consultations.InMemoryBookingRepository;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The booking rules against the in-memory repository: no table, milliseconds. */
class BookingServiceTest {
  private static final Instant NOW = Instant.parse("2026-01-15T10:20:30Z");
  private final InMemoryBookingRepository repository = new InMemoryBookingRepository();
  private final SaltedHash hash = new SaltedHash("unit-test-hashing-secret-0123456789abcdef");
  private final BookingService service =
      new BookingService(repository, hash, Duration.ofDays(30), Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, Object> fields(String email, String message) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("name", "Ada Lovelace");
    fields.put("email", email);
    fields.put("message", message);
    fields.put("preferredTimes", List.of("Tuesday mornings"));
    fields.put("consent", true);
    return fields;
  }

  private Result submit(Map<String, Object> fields, String ip, String key) {
    return service.submit(new Submission(fields, ip, Optional.ofNullable(key).map(IdempotencyKey::new)));
  }

  @Test
  void recordsAValidRequestOnceAndAnswersItsRetryWithItsId() {
    Result first = submit(fields("ada@example.com", "Hello"), "198.51.100.1", "k-1");
    Result retry = submit(fields("ada@example.com", "Hello"), "198.51.100.1", "k-1");

    assertThat(first).isInstanceOf(Result.Recorded.class);
    assertThat(retry).isEqualTo(new Result.Repeated(((Result.Recorded) first).id()));
    assertThat(repository.requests()).singleElement().satisfies(c -> {
      assertThat(c.email()).isEqualTo("ada@example.com");
      assertThat(c.sourceIpHash()).isEqualTo(hash.ofIp("198.51.100.1"));
      assertThat(c.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    });
  }

  @Test
  void theSameRequestTypedDifferentlyIsARepeatWithoutAKey() {
    Result first = submit(fields("ada@example.com", "Hello"), "198.51.100.1", null);
    Result again = submit(fields("  ADA@example.com ", "Hello"), "198.51.100.2", null);

    assertThat(again).isEqualTo(new Result.Repeated(((Result.Recorded) first).id()));
    assertThat(repository.requests()).hasSize(1);
  }

  @Test
  void aKeyReusedForOtherDataIsRefusedAndNothingIsWritten() {
    submit(fields("ada@example.com", "Hello"), "198.51.100.1", "k-2");

    assertThat(submit(fields("ada@example.com", "Something else"), "198.51.100.1", "k-2")).isEqualTo(new Result.KeyReused());
    assertThat(repository.requests()).hasSize(1);
  }

  @Test
  void invalidFieldsAreListedAndAFilledHoneypotIsAnsweredButNotRecorded() {
    Map<String, Object> bot = fields("bot@example.com", "Buy now");
    bot.put(RequestValidator.HONEYPOT, "https://spam.example");

    Result invalid = submit(Map.of("email", "nope"), "198.51.100.1", null);

    assertThat(invalid).isInstanceOf(Result.Invalid.class);
    assertThat(((Result.Invalid) invalid).errors()).extracting(RequestValidator.FieldError::field).containsExactlyInAnyOrder("name", "email", "consent");
    assertThat(submit(bot, "198.51.100.1", null)).isInstanceOf(Result.HoneypotIgnored.class);
    assertThat(repository.requests()).isEmpty();
  }

  @Test
  void limitsPerEmailAndPerAddressUntilTheWindowEnds() {
    for (int i = 0; i < BookingService.MAX_PER_EMAIL; i++) {
      assertThat(submit(fields("busy@example.com", "message " + i), "198.51.100." + i, null)).isInstanceOf(Result.Recorded.class);
    }
    Result perEmail = submit(fields("busy@example.com", "one more"), "198.51.100.99", null);
    for (int i = 0; i < BookingService.MAX_PER_ADDRESS; i++) {
      submit(fields("person" + i + "@example.com", "hi"), "203.0.113.5", null);
    }
    Result perAddress = submit(fields("late@example.com", "hi"), "203.0.113.5", null);

    // The window is the clock hour: 10:20:30 leaves 39 minutes 30 seconds.
    assertThat(perEmail).isEqualTo(new Result.Limited(RateCounter.Scope.EMAIL, 2370));
    assertThat(perAddress).isEqualTo(new Result.Limited(RateCounter.Scope.IP, 2370));
    assertThat(repository.requests()).hasSize(BookingService.MAX_PER_EMAIL + BookingService.MAX_PER_ADDRESS);
  }

  @Test
  void thePlanKeysTheClientKeyAndTheContentAndCountsTheAddressAndTheEmail() {
    ConsultationRequest request =
        new ConsultationRequest("Ada", "ada@example.com", null, "Hello", List.of(), "Europe/London", false);

    BookingService.Plan plan = service.plan(request, "198.51.100.1", Optional.of(new IdempotencyKey("k-3")), NOW);

    assertThat(plan.booking().keys()).extracting(k -> k.kind()).containsExactly(Kind.HEADER, Kind.REPEAT);
    assertThat(plan.booking().keys()).extracting(k -> k.expiresAt())
        .containsExactly(NOW.plus(BookingService.KEY_LIFETIME), NOW.plus(BookingService.REPEAT_WINDOW));
    assertThat(plan.booking().keys().get(0).hash()).doesNotContain("k-3");
    assertThat(plan.booking().counters()).extracting(RateCounter::scope).containsExactly(RateCounter.Scope.IP, RateCounter.Scope.EMAIL);
    assertThat(plan.booking().counters()).extracting(RateCounter::hash)
        .containsExactly(hash.ofIp("198.51.100.1"), hash.ofEmail("ada@example.com"));
    assertThat(plan.windowEnd()).isEqualTo(Instant.parse("2026-01-15T11:00:00Z"));
    assertThat(repository.requests()).as("a plan writes nothing").isEmpty();
  }
}
