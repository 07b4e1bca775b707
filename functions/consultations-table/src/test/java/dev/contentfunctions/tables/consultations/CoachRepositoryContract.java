package dev.contentfunctions.tables.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.CoachRepository.AlreadyHandled;
import dev.contentfunctions.tables.consultations.CoachRepository.Marked;
import dev.contentfunctions.tables.consultations.CoachRepository.NotFound;
import dev.contentfunctions.tables.consultations.CoachRepository.Page;
import dev.contentfunctions.tables.consultations.CoachRepository.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CoachRepository} does, the table's and the in-memory one alike: each subclass
 * gives a fresh, empty repository per test, and a way to store and read requests as the booking
 * function stores them.
 */
public abstract class CoachRepositoryContract {
  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
  private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private CoachRepository repository;

  /** A repository with nothing in it. */
  protected abstract CoachRepository emptyRepository();

  protected abstract void put(Consultation... consultations);

  protected abstract Optional<Consultation> stored(String id);

  @BeforeEach
  void empty() {
    repository = emptyRepository();
  }

  @Test
  void pagesListOneStatusNewestFirstEachRequestOnce() {
    List<String> newNewestFirst = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      Consultation c = request(START.plus(Duration.ofHours(i)), "p" + i + "@example.org");
      put(c);
      newNewestFirst.add(0, c.id());
    }
    put(handled(request(START.plus(Duration.ofMinutes(90)), "h@example.org"), NOW));

    List<String> seen = new ArrayList<>();
    Position after = null;
    int pages = 0;
    do {
      Page page = repository.page(Consultation.Status.NEW, 3, after);
      page.consultations().forEach(c -> seen.add(c.id()));
      after = page.next();
      pages++;
    } while (after != null && pages < 10);

    assertThat(seen).containsExactlyElementsOf(newNewestFirst);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aFullLastPageHasNoNext() {
    Consultation older = request(START, "a@example.org");
    Consultation newer = request(START.plusSeconds(1), "b@example.org");
    put(older, newer);

    Page first = repository.page(Consultation.Status.NEW, 1, null);
    Page second = repository.page(Consultation.Status.NEW, 1, first.next());

    assertThat(first.consultations()).extracting(Consultation::id).containsExactly(newer.id());
    assertThat(first.next()).isEqualTo(Position.of(newer));
    assertThat(second.consultations()).extracting(Consultation::id).containsExactly(older.id());
    assertThat(second.next()).isNull();
    assertThat(repository.page(Consultation.Status.HANDLED, 5, null)).isEqualTo(new Page(List.of(), null));
  }

  @Test
  void aPageAfterARequestThatIsGoneStartsWhereItWas() {
    Consultation oldest = request(START, "a@example.org");
    Consultation gone = request(START.plusSeconds(1), "gone@example.org");
    Consultation newest = request(START.plusSeconds(2), "c@example.org");
    put(oldest, gone, newest);
    Position afterGone = repository.page(Consultation.Status.NEW, 2, null).next();

    repository.erase(gone.emailHash());

    assertThat(repository.page(Consultation.Status.NEW, 2, afterGone).consultations())
        .extracting(Consultation::id)
        .containsExactly(oldest.id());
  }

  @Test
  void requestsOfTheSameMillisecondAreOrderedByIdAndNoneIsSkipped() {
    Instant same = START.plusMillis(123);
    Consultation first = request(same, "a@example.org");
    Consultation second = request(same.plusNanos(400_000), "b@example.org");
    put(first, second);

    Page page = repository.page(Consultation.Status.NEW, 1, null);

    assertThat(page.consultations()).extracting(Consultation::id).containsExactly(second.id());
    assertThat(repository.page(Consultation.Status.NEW, 1, page.next()).consultations())
        .extracting(Consultation::id)
        .containsExactly(first.id());
  }

  @Test
  void allHoldsEveryRequestOfTheStatusNewestFirst() {
    Consultation a = request(START, "a@example.org");
    Consultation b = handled(request(START.plusSeconds(1), "b@example.org"), NOW);
    Consultation c = request(START.plusSeconds(2), "c@example.org");
    put(a, b, c);

    assertThat(repository.all(Consultation.Status.NEW)).extracting(Consultation::id).containsExactly(c.id(), a.id());
    assertThat(repository.all(Consultation.Status.HANDLED)).containsExactly(b);
  }

  @Test
  void markingMovesANewRequestToTheHandledOnesOnce() {
    Consultation c = request(START, "a@example.org");
    put(c);

    var first = repository.markHandled(c.id(), NOW);
    var again = repository.markHandled(c.id(), NOW.plus(Duration.ofHours(5)));

    assertThat(first).isEqualTo(new Marked(handled(c, NOW)));
    assertThat(again).isEqualTo(new AlreadyHandled(handled(c, NOW)));
    assertThat(stored(c.id())).contains(handled(c, NOW));
    assertThat(repository.all(Consultation.Status.NEW)).isEmpty();
    assertThat(repository.all(Consultation.Status.HANDLED)).containsExactly(handled(c, NOW));
  }

  @Test
  void markingAnUnknownRequestFindsNothingAndCreatesNothing() {
    String id = request(START, "a@example.org").id();

    assertThat(repository.markHandled(id, NOW)).isEqualTo(new NotFound());
    assertThat(stored(id)).isEmpty();
  }

  @Test
  void erasureDeletesEveryRequestOfThePersonAndNobodyElses() {
    Consultation first = request(START, "jane@example.org");
    Consultation second = handled(request(START.plusSeconds(1), "jane@example.org"), NOW);
    Consultation other = request(START.plusSeconds(2), "kim@example.org");
    put(first, second, other);

    assertThat(repository.erase(first.emailHash())).isEqualTo(2);
    assertThat(repository.erase(first.emailHash())).isZero();
    assertThat(stored(first.id())).isEmpty();
    assertThat(stored(second.id())).isEmpty();
    assertThat(stored(other.id())).contains(other);
  }

  // ------------------------------------------------------------------ data

  protected static Consultation request(Instant receivedAt, String email) {
    SaltedHash hash = new SaltedHash("contract-hashing-secret-0123456789abcdef");
    return new Consultation(
        ulid(receivedAt, SEQUENCE.incrementAndGet()),
        Consultation.Status.NEW,
        receivedAt,
        "Person " + email,
        email,
        null,
        "A message",
        List.of("Weekday evenings"),
        "Europe/London",
        true,
        hash.ofIp("192.0.2.10"),
        hash.ofEmail(email),
        null,
        receivedAt.plus(Duration.ofDays(365)));
  }

  protected static Consultation handled(Consultation c, Instant handledAt) {
    return new Consultation(
        c.id(), Consultation.Status.HANDLED, c.receivedAt(), c.name(), c.email(), c.phone(), c.message(),
        c.preferredTimes(), c.timezone(), c.consent(), c.sourceIpHash(), c.emailHash(), handledAt, c.expiresAt());
  }

  /** A ULID: the time in milliseconds (10 characters), then 80 bits, here a counter (16 characters). */
  protected static String ulid(Instant time, long counter) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    StringBuilder ulid = new StringBuilder();
    long millis = time.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      ulid.append(alphabet.charAt((int) ((millis >>> (5 * i)) & 31)));
    }
    for (int i = 15; i >= 0; i--) {
      // Java shifts a long by the distance mod 64: the top characters, past 64 bits, are zeros.
      ulid.append(alphabet.charAt(5 * i >= 64 ? 0 : (int) ((counter >>> (5 * i)) & 31)));
    }
    return ulid.toString();
  }
}
