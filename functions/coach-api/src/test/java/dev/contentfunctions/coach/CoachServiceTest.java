package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.tables.consultations.CoachRepository.AlreadyHandled;
import dev.contentfunctions.tables.consultations.CoachRepository.Marked;
import dev.contentfunctions.tables.consultations.CoachRepository.NotFound;
import dev.contentfunctions.tables.consultations.CoachRepository.Page;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.InMemoryCoachRepository;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The coach's rules against the in-memory repository: milliseconds, no moto. */
class CoachServiceTest {
  private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");

  private final CoachTestBed data = CoachTestBed.inMemory();
  private final InMemoryCoachRepository repository = new InMemoryCoachRepository();
  private final CoachService service =
      new CoachService(repository, new SaltedHash(CoachTestBed.SECRET), Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void listsAStatusNewestFirstAPageAtATime() {
    Consultation older = data.request(Instant.parse("2026-01-01T10:00:00Z"), "Ada", "ada@example.org");
    Consultation newer = data.request(Instant.parse("2026-01-02T10:00:00Z"), "Bo", "bo@example.org");
    repository.put(older, newer, CoachTestBed.handled(data.request(NOW, "Cy", "cy@example.org"), NOW));

    Page first = service.list(Consultation.Status.NEW, new CoachService.PageSize(1), null);
    Page second = service.list(Consultation.Status.NEW, new CoachService.PageSize(1), first.next());

    assertThat(first.consultations()).containsExactly(newer);
    assertThat(second.consultations()).containsExactly(older);
    assertThat(second.next()).isNull();
  }

  @Test
  void exportsEveryRequestOfTheStatus() {
    Consultation a = data.request(Instant.parse("2026-01-01T10:00:00Z"), "Ada", "ada@example.org");
    Consultation b = CoachTestBed.handled(data.request(Instant.parse("2026-01-02T10:00:00Z"), "Bo", "bo@example.org"), NOW);
    repository.put(a, b);

    assertThat(service.export(Consultation.Status.HANDLED)).isEqualTo(new CoachService.Export(Consultation.Status.HANDLED, java.util.List.of(b)));
  }

  @Test
  void markingIsMarkedThenAlreadyHandledKeepingTheFirstTime() {
    Consultation c = data.request(Instant.parse("2026-01-01T10:00:00Z"), "Ada", "ada@example.org");
    repository.put(c);
    ConsultationId id = new ConsultationId(c.id());

    assertThat(service.markHandled(id)).isEqualTo(new Marked(CoachTestBed.handled(c, NOW)));
    CoachService later =
        new CoachService(repository, new SaltedHash(CoachTestBed.SECRET), Clock.fixed(NOW.plus(Duration.ofHours(5)), ZoneOffset.UTC));
    assertThat(later.markHandled(id)).isEqualTo(new AlreadyHandled(CoachTestBed.handled(c, NOW)));
  }

  @Test
  void markingAnUnknownRequestIsNotFound() {
    assertThat(service.markHandled(new ConsultationId(CoachTestBed.ulid(NOW, 42)))).isEqualTo(new NotFound());
  }

  @Test
  void afterTheSecretChangedErasureFindsRequestsHashedWithTheOldAndTheNewSecret() {
    String older = CoachTestBed.PREVIOUS_SECRET;
    Consultation before = hashedWith(data.request(Instant.parse("2026-01-05T10:00:00Z"), "Jane", "jane@example.org"), older);
    Consultation after = data.request(Instant.parse("2026-01-06T10:00:00Z"), "Jane", "jane@example.org");
    Consultation someoneElse = hashedWith(data.request(Instant.parse("2026-01-07T10:00:00Z"), "Joe", "joe@example.org"), older);
    repository.put(before, after, someoneElse);
    CoachService rotated =
        new CoachService(repository, new SaltedHash(CoachTestBed.SECRET), new SaltedHash(older), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(service.erase(EmailAddress.parse("jane@example.org").orElseThrow()))
        .as("the current secret alone misses the request hashed before the change")
        .isEqualTo(new CoachService.Erased(1));
    repository.put(after);
    assertThat(rotated.erase(EmailAddress.parse("Jane@Example.org").orElseThrow())).isEqualTo(new CoachService.Erased(2));
    assertThat(repository.stored(before.id())).isEmpty();
    assertThat(repository.stored(after.id())).isEmpty();
    assertThat(repository.stored(someoneElse.id())).isPresent();
  }

  /** The request as the booking function stored it while {@code secret} was the hashing secret. */
  private static Consultation hashedWith(Consultation c, String secret) {
    SaltedHash hash = new SaltedHash(secret);
    return new Consultation(c.id(), c.status(), c.receivedAt(), c.name(), c.email(), c.phone(), c.message(),
        c.preferredTimes(), c.timezone(), c.consent(), hash.ofIp("192.0.2.10"), hash.ofEmail(c.email()),
        c.handledAt(), c.expiresAt());
  }

  @Test
  void erasesEveryRequestOfTheAddressHoweverItWasTypedAndNobodyElses() {
    Consultation first = data.request(Instant.parse("2026-01-05T10:00:00Z"), "Jane", "jane.erase@example.org");
    Consultation second = data.request(Instant.parse("2026-01-06T10:00:00Z"), "Jane", "Jane.Erase@Example.ORG");
    Consultation similar = data.request(Instant.parse("2026-01-07T10:00:00Z"), "Jane", "jane.erase@example.com");
    repository.put(first, second, similar);

    assertThat(service.erase(EmailAddress.parse(" JANE.erase@EXAMPLE.org ").orElseThrow())).isEqualTo(new CoachService.Erased(2));
    assertThat(service.erase(EmailAddress.parse("jane.erase@example.org").orElseThrow())).isEqualTo(new CoachService.Erased(0));
    assertThat(repository.stored(similar.id())).isPresent();
  }

  @Test
  void typedInputsHoldOnlyWhatTheirNamesSay() {
    assertThat(EmailAddress.parse("a@b")).map(EmailAddress::value).contains("a@b");
    for (String notAnAddress : new String[] {null, "", "  ", "no-at", "two@@example.org", "spa ce@example.org", "a".repeat(250) + "@example.org"}) {
      assertThat(EmailAddress.parse(notAnAddress)).as(String.valueOf(notAnAddress)).isEmpty();
    }
    assertThat(EmailAddress.parse("secret@example.org").orElseThrow().toString()).doesNotContain("secret");
    assertThat(ConsultationId.parse("01KF0W6Q2R0000000000000001")).isPresent();
    assertThat(ConsultationId.parse("01kf0w6q2r0000000000000001")).isEmpty();
    assertThatThrownBy(() -> new CoachService.PageSize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CoachService.PageSize(CoachService.PageSize.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
