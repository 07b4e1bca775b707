package dev.contentfunctions.coach;

import dev.contentfunctions.tables.consultations.CoachRepository;
import dev.contentfunctions.tables.consultations.CoachRepository.Marking;
import dev.contentfunctions.tables.consultations.CoachRepository.Page;
import dev.contentfunctions.tables.consultations.CoachRepository.Position;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.time.Clock;
import java.util.List;

/**
 * What the coach can do with booking requests: read them by status, export them, mark one handled,
 * erase everything about one person. Knows nothing of HTTP: its inputs are already parsed (a
 * status, a page size, an address, an id), its answers are results the handler maps to responses.
 */
public final class CoachService {
  private final CoachRepository repository;
  private final SaltedHash hash;
  private final SaltedHash previousHash;
  private final Clock clock;

  public CoachService(CoachRepository repository, SaltedHash hash, Clock clock) {
    this(repository, hash, null, clock);
  }

  /**
   * @param previousHash the hash of the secret {@code hash}'s replaced (null: none): requests made
   *     before the change are stored under it, and an erasure must still find them
   */
  public CoachService(CoachRepository repository, SaltedHash hash, SaltedHash previousHash, Clock clock) {
    this.repository = repository;
    this.hash = hash;
    this.previousHash = previousHash;
    this.clock = clock;
  }

  /** How many requests a page of the listing holds. */
  public record PageSize(int value) {
    public static final int DEFAULT = 25;
    public static final int MAX = 100;

    public PageSize {
      if (value < 1 || value > MAX) {
        throw new IllegalArgumentException("A page holds 1 to " + MAX + " requests.");
      }
    }
  }

  /** Every request of a status, for the spreadsheet. */
  public record Export(Consultation.Status status, List<Consultation> consultations) {}

  /** How many of the person's requests were erased (0 when none were left). */
  public record Erased(int count) {}

  /** A page of {@code status}'s requests, newest first, after {@code after} (null: from the newest). */
  public Page list(Consultation.Status status, PageSize size, Position after) {
    return repository.page(status, size.value(), after);
  }

  public Export export(Consultation.Status status) {
    return new Export(status, repository.all(status));
  }

  /** Marked now, handled already (the first time stays), or not found. */
  public Marking markHandled(ConsultationId id) {
    return repository.markHandled(id.value(), clock.instant());
  }

  /**
   * Erases every request of the address, however its case was typed: those hashed with the current
   * secret and, after a change of secret, those hashed with the one it replaced.
   */
  public Erased erase(EmailAddress address) {
    int erased = repository.erase(hash.ofEmail(address.value()));
    if (previousHash != null) {
      erased += repository.erase(previousHash.ofEmail(address.value()));
    }
    return new Erased(erased);
  }
}
