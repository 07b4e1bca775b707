package dev.contentfunctions.coach;

import dev.contentfunctions.coach.ConsultationRepository.Position;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.QueryParameters;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the coach can do with booking requests: read them by status, export them, mark one handled,
 * erase everything about one person. Knows nothing of HTTP; throws {@link ApiException}s for what the
 * caller asked wrongly. Its messages never repeat what the caller sent, which may be personal data.
 */
public final class CoachService {
  static final int DEFAULT_PAGE_SIZE = 25;
  static final int MAX_PAGE_SIZE = 100;

  /** A ULID: 26 characters of Crockford's base32 in upper case; the first at most 7 (48-bit time). */
  private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

  /** As lenient as the booking form: the address need only be something@somewhere. */
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

  private static final int MAX_EMAIL_LENGTH = 254;

  private final ConsultationRepository repository;
  private final SaltedHash hash;
  private final InboxCursor cursors;
  private final Clock clock;

  public CoachService(ConsultationRepository repository, SaltedHash hash, Clock clock) {
    this.repository = repository;
    this.hash = hash;
    this.cursors = new InboxCursor(hash);
    this.clock = clock;
  }

  /** One page of a status's requests and the cursor of the next, if there is one. */
  public record Page(List<Consultation> consultations, String nextCursor) {}

  /** Every request of a status, for the spreadsheet. */
  public record Export(Consultation.Status status, List<Consultation> consultations) {}

  /** {@code status} defaults to new, {@code limit} to 25; an empty {@code cursor} means none. */
  public Page list(String statusParameter, String limitParameter, String cursor) {
    Consultation.Status status = status(statusParameter);
    int limit = limit(limitParameter);
    Position after = cursor == null || cursor.isEmpty() ? null : cursors.decode(cursor, status);
    ConsultationRepository.Page page = repository.page(status, limit, after);
    String next = null;
    if (page.hasMore()) {
      Consultation last = page.consultations().get(page.consultations().size() - 1);
      next = cursors.encode(status, new Position(last.receivedAt(), last.id()));
    }
    return new Page(page.consultations(), next);
  }

  public Export export(String statusParameter) {
    Consultation.Status status = status(statusParameter);
    return new Export(status, repository.all(status));
  }

  /**
   * @throws ApiException.BadRequest {@code id} is not shaped like a request id
   * @throws ApiException.NotFound there is no such request (any more)
   */
  public Consultation markHandled(String id) {
    if (id == null || !ULID.matcher(id).matches()) {
      throw new ApiException.BadRequest(
          "The id must be a request id: 26 characters of Crockford base32 (digits and upper-case letters"
              + " but I, L, O and U).");
    }
    return repository
        .markHandled(id, clock.instant())
        .orElseThrow(() -> new ApiException.NotFound("There is no booking request with this id."));
  }

  /** Erases every request of the address, however its case was typed; returns how many. */
  public int erase(String email) {
    String address = email == null ? "" : email.strip();
    if (address.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(address).matches()) {
      throw new ApiException.BadRequest("'email' must be an e-mail address of at most " + MAX_EMAIL_LENGTH + " characters.");
    }
    return repository.erase(hash.ofEmail(address));
  }

  private static Consultation.Status status(String value) {
    if (value == null) {
      return Consultation.Status.NEW;
    }
    Consultation.Status status = Consultation.Status.parse(value);
    if (status == null) {
      throw new ApiException.BadRequest("'status' must be new or handled.");
    }
    return status;
  }

  private static int limit(String value) {
    return QueryParameters.count("limit", value, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  }
}
