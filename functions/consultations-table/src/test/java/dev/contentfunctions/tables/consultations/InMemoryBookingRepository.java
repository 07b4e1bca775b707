package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BookingRepository} in memory, for fast tests of the services: the same rules as the
 * DynamoDB one (checked by one contract suite), one booking at a time.
 */
public final class InMemoryBookingRepository implements BookingRepository {
  private record HeldKey(KeyRecord record, Instant expiresAt, String emailHash) {}

  private record Count(int count, String emailHash) {}

  private final Map<String, Consultation> requests = new HashMap<>();
  private final Map<IdempotencyKeyId, HeldKey> keys = new HashMap<>();
  private final Map<CounterId, Count> counts = new HashMap<>();

  private record IdempotencyKeyId(IdempotencyKey.Kind kind, String hash) {
    static IdempotencyKeyId of(IdempotencyKey key) {
      return new IdempotencyKeyId(key.kind(), key.hash());
    }
  }

  private record CounterId(RateCounter.Scope scope, String hash, long windowStart) {
    static CounterId of(RateCounter counter) {
      return new CounterId(counter.scope(), counter.hash(), counter.windowStart());
    }
  }

  @Override
  public synchronized Optional<KeyRecord> findKey(IdempotencyKey key, Instant now) {
    HeldKey held = keys.get(IdempotencyKeyId.of(key));
    return held == null || !held.expiresAt().isAfter(now) ? Optional.empty() : Optional.of(held.record());
  }

  @Override
  public synchronized Written record(Booking booking, Instant now) {
    Consultation request = booking.consultation();
    if (requests.containsKey(request.id())) {
      return new Written.Contended();
    }
    for (IdempotencyKey key : booking.keys()) {
      HeldKey held = keys.get(IdempotencyKeyId.of(key));
      if (held != null && held.expiresAt().isAfter(now)) {
        return new Written.KeyTaken(key);
      }
    }
    for (RateCounter counter : booking.counters()) {
      Count count = counts.get(CounterId.of(counter));
      if (count != null && count.count() >= counter.limit()) {
        return new Written.LimitReached(counter);
      }
    }
    requests.put(request.id(), request);
    for (IdempotencyKey key : booking.keys()) {
      keys.put(
          IdempotencyKeyId.of(key),
          new HeldKey(new KeyRecord(request.id(), booking.fingerprint()), key.expiresAt(), request.emailHash()));
    }
    for (RateCounter counter : booking.counters()) {
      Count count = counts.get(CounterId.of(counter));
      counts.put(
          CounterId.of(counter),
          new Count((count == null ? 0 : count.count()) + 1, counter.scope().personal() ? request.emailHash() : null));
    }
    return new Written.Recorded();
  }

  /** The requests stored, in no particular order. */
  public synchronized List<Consultation> requests() {
    return List.copyOf(requests.values());
  }

  /** What is filed under a person's e-mail hash, by item type: "REQ", "IDEM", "RATE" (as erasure sees it). */
  public synchronized List<String> filedUnder(String emailHash) {
    List<String> filed = new ArrayList<>();
    requests.values().stream().filter(r -> r.emailHash().equals(emailHash)).forEach(r -> filed.add("REQ"));
    keys.values().stream().filter(k -> emailHash.equals(k.emailHash())).forEach(k -> filed.add("IDEM"));
    counts.values().stream().filter(c -> emailHash.equals(c.emailHash())).forEach(c -> filed.add("RATE"));
    return filed;
  }

  /** The count in a counter's window (0 when it was never counted). */
  public synchronized int count(RateCounter counter) {
    Count count = counts.get(CounterId.of(counter));
    return count == null ? 0 : count.count();
  }
}
