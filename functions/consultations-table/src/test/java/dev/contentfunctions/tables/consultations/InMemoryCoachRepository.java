package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The coach's side of the table in a map, for fast tests of what uses {@link CoachRepository}:
 * passes the same contract suite as {@link DynamoDbCoachRepository}. Holds requests only (what
 * derives from them is the booking side's); ordered as ByStatus orders them.
 */
public final class InMemoryCoachRepository implements CoachRepository {
  /** ByStatus's sort key, newest first: the time to the millisecond, then the id. */
  private static final Comparator<Consultation> NEWEST_FIRST =
      Comparator.comparing((Consultation c) -> ConsultationMapper.statusSortKey(c.receivedAt(), c.id())).reversed();

  private final Map<String, Consultation> requests = new ConcurrentHashMap<>();

  /** Stores requests as the booking function would. */
  public void put(Consultation... consultations) {
    for (Consultation c : consultations) {
      requests.put(c.id(), c);
    }
  }

  public Optional<Consultation> stored(String id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public Page page(Consultation.Status status, int limit, Position after) {
    String start = after == null ? null : ConsultationMapper.statusSortKey(after.receivedAt(), after.id());
    List<Consultation> read =
        all(status).stream()
            .filter(c -> start == null || ConsultationMapper.statusSortKey(c.receivedAt(), c.id()).compareTo(start) < 0)
            .limit(limit + 1L)
            .toList();
    if (read.size() <= limit) {
      return new Page(read, null);
    }
    List<Consultation> page = read.subList(0, limit);
    return new Page(page, Position.of(page.get(limit - 1)));
  }

  @Override
  public List<Consultation> all(Consultation.Status status) {
    return requests.values().stream().filter(c -> c.status() == status).sorted(NEWEST_FIRST).toList();
  }

  @Override
  public synchronized Marking markHandled(String id, Instant now) {
    Consultation c = requests.get(id);
    if (c == null) {
      return new NotFound();
    }
    if (c.status() == Consultation.Status.HANDLED) {
      return new AlreadyHandled(c);
    }
    Consultation handled =
        new Consultation(
            c.id(), Consultation.Status.HANDLED, c.receivedAt(), c.name(), c.email(), c.phone(), c.message(),
            c.preferredTimes(), c.timezone(), c.consent(), c.sourceIpHash(), c.emailHash(), now, c.expiresAt());
    requests.put(id, handled);
    return new Marked(handled);
  }

  @Override
  public synchronized int erase(String emailHash) {
    List<String> ids = requests.values().stream().filter(c -> c.emailHash().equals(emailHash)).map(Consultation::id).toList();
    ids.forEach(requests::remove);
    return ids.size();
  }
}
