package dev.contentfunctions.tables.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.BookingRepository.Booking;
import dev.contentfunctions.tables.consultations.BookingRepository.IdempotencyKey;
import dev.contentfunctions.tables.consultations.BookingRepository.KeyRecord;
import dev.contentfunctions.tables.consultations.BookingRepository.RateCounter;
import dev.contentfunctions.tables.consultations.BookingRepository.Written;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BookingRepository} promises, run against the in-memory one (a unit test) and
 * the DynamoDB one on moto ({@code *IT}): a booking is written whole or not at all, keys hold until
 * they expire, counters stop at their limit, and what derives from a person is filed under them.
 */
abstract class BookingRepositoryContract {
  private static final Instant NOW = Instant.parse("2026-01-15T10:20:30Z");
  private static final long WINDOW_START = Instant.parse("2026-01-15T10:00:00Z").getEpochSecond();
  private static final Instant WINDOW_END = Instant.parse("2026-01-15T11:00:00Z");

  private final AtomicInteger ids = new AtomicInteger();

  /** A fresh, empty repository for this test. */
  abstract BookingRepository repository();

  /** The item types filed under a person's e-mail hash ("REQ", "IDEM", "RATE"), as erasure finds them. */
  abstract List<String> filedUnder(String emailHash);

  /** The stored requests' ids. */
  abstract List<String> requestIds();

  private BookingRepository repository;

  @BeforeEach
  void freshRepository() {
    repository = repository();
  }

  @Test
  void recordsTheRequestAndItsKeysAnswerWithIt() {
    Booking booking = booking("alex", "fp-1", List.of(header("k1", NOW.plus(Duration.ofDays(1))), repeat("fp-1")), counters("alex", 10, 3));

    assertThat(repository.record(booking, NOW)).isEqualTo(new Written.Recorded());

    String id = booking.consultation().id();
    assertThat(requestIds()).containsExactly(id);
    for (IdempotencyKey key : booking.keys()) {
      assertThat(repository.findKey(key, NOW)).contains(new KeyRecord(id, "fp-1"));
    }
    assertThat(repository.findKey(header("other", NOW.plusSeconds(60)), NOW)).isEmpty();
  }

  @Test
  void aHeldKeyRefusesTheWholeSecondBookingAndIsNamed() {
    IdempotencyKey key = header("k2", NOW.plus(Duration.ofDays(1)));
    repository.record(booking("sam", "fp-a", List.of(key, repeat("fp-a")), counters("sam", 10, 3)), NOW);

    Booking second = booking("sam", "fp-b", List.of(header("k2", NOW.plus(Duration.ofDays(1))), repeat("fp-b")), counters("sam", 10, 3));
    Written written = repository.record(second, NOW.plusSeconds(1));

    assertThat(written).isEqualTo(new Written.KeyTaken(second.keys().get(0)));
    assertThat(requestIds()).hasSize(1);
    assertThat(repository.findKey(repeat("fp-b"), NOW.plusSeconds(1))).as("the second's other key stays free").isEmpty();
    assertThat(filedUnder("email-sam")).containsExactlyInAnyOrder("REQ", "IDEM", "IDEM", "RATE");
  }

  @Test
  void aRepeatIsNamedBeforeAFullCounter() {
    repository.record(booking("kim", "fp-k", List.of(repeat("fp-k")), counters("kim", 1, 1)), NOW);

    Booking again = booking("kim", "fp-k", List.of(repeat("fp-k")), counters("kim", 1, 1));

    assertThat(repository.record(again, NOW.plusSeconds(1))).isInstanceOf(Written.KeyTaken.class);
  }

  @Test
  void anExpiredKeyIsNotFoundAndIsFreeAgain() {
    IdempotencyKey shortLived = header("k3", NOW.plusSeconds(10));
    repository.record(booking("lee", "fp-1", List.of(shortLived), counters("lee", 10, 3)), NOW);
    Instant later = NOW.plusSeconds(10);

    assertThat(repository.findKey(shortLived, later)).isEmpty();
    Booking reuse = booking("lee", "fp-2", List.of(header("k3", later.plusSeconds(60))), counters("lee", 10, 3));
    assertThat(repository.record(reuse, later)).isEqualTo(new Written.Recorded());
    assertThat(repository.findKey(shortLived, later)).contains(new KeyRecord(reuse.consultation().id(), "fp-2"));
  }

  @Test
  void countersStopAtTheirLimitAndNameTheFullOne() {
    for (int i = 0; i < 3; i++) {
      assertThat(repository.record(booking("max", "fp-" + i, List.of(repeat("fp-" + i)), counters("max", 10, 3)), NOW))
          .isEqualTo(new Written.Recorded());
    }

    Booking fourth = booking("max", "fp-4", List.of(repeat("fp-4")), counters("max", 10, 3));
    Written written = repository.record(fourth, NOW);

    assertThat(written).isEqualTo(new Written.LimitReached(fourth.counters().get(1)));
    assertThat(requestIds()).hasSize(3);
    assertThat(repository.findKey(repeat("fp-4"), NOW)).as("nothing of a refused booking is written").isEmpty();
  }

  @Test
  void theAddressCounterIsSharedAcrossPeopleAndANewWindowCountsAfresh() {
    repository.record(booking("ann", "fp-ann", List.of(repeat("fp-ann")), sharedAddress(1, WINDOW_START, "ann")), NOW);

    Written other = repository.record(booking("bob", "fp-bob", List.of(repeat("fp-bob")), sharedAddress(1, WINDOW_START, "bob")), NOW);
    long nextWindow = WINDOW_START + 3600;
    Written nextHour =
        repository.record(booking("bob", "fp-bob2", List.of(repeat("fp-bob2")), sharedAddress(1, nextWindow, "bob")), NOW.plusSeconds(3600));

    assertThat(other).isInstanceOf(Written.LimitReached.class);
    assertThat(((Written.LimitReached) other).counter().scope()).isEqualTo(RateCounter.Scope.IP);
    assertThat(nextHour).isEqualTo(new Written.Recorded());
  }

  @Test
  void everythingDerivedFromThePersonIsFiledUnderThemAndTheAddressCounterIsNot() {
    repository.record(
        booking("eve", "fp-e", List.of(header("k-eve", NOW.plus(Duration.ofDays(1))), repeat("fp-e")), counters("eve", 10, 3)), NOW);
    repository.record(booking("eve", "fp-e2", List.of(repeat("fp-e2")), counters("eve", 10, 3)), NOW.plusSeconds(5));

    // Two requests, three keys, and the e-mail's one counter (updated by both); not the address's.
    assertThat(filedUnder("email-eve")).containsExactlyInAnyOrder("REQ", "REQ", "IDEM", "IDEM", "IDEM", "RATE");
    assertThat(filedUnder("email-nobody")).isEmpty();
  }

  // ------------------------------------------------------------------ fixtures

  private Booking booking(String who, String fingerprint, List<IdempotencyKey> keys, List<RateCounter> counters) {
    String id = String.format("01JH%022d", ids.incrementAndGet());
    Consultation request =
        new Consultation(
            id, Consultation.Status.NEW, NOW, "Name " + who, who + "@example.com", null, null, List.of(), null, true,
            "ip-" + who, "email-" + who, null, NOW.plus(Duration.ofDays(30)));
    return new Booking(request, fingerprint, keys, counters);
  }

  private static IdempotencyKey header(String hash, Instant expiresAt) {
    return new IdempotencyKey(IdempotencyKey.Kind.HEADER, hash, expiresAt);
  }

  private static IdempotencyKey repeat(String fingerprint) {
    return new IdempotencyKey(IdempotencyKey.Kind.REPEAT, fingerprint, NOW.plus(Duration.ofMinutes(10)));
  }

  private static List<RateCounter> counters(String who, int perAddress, int perEmail) {
    return List.of(
        new RateCounter(RateCounter.Scope.IP, "ip-" + who, WINDOW_START, WINDOW_END, perAddress),
        new RateCounter(RateCounter.Scope.EMAIL, "email-" + who, WINDOW_START, WINDOW_END, perEmail));
  }

  private static List<RateCounter> sharedAddress(int perAddress, long windowStart, String who) {
    Instant end = Instant.ofEpochSecond(windowStart + 3600);
    return List.of(
        new RateCounter(RateCounter.Scope.IP, "ip-shared", windowStart, end, perAddress),
        new RateCounter(RateCounter.Scope.EMAIL, "email-" + who, windowStart, end, 3));
  }
}
