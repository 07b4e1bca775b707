package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The consultations table as the booking function uses it: it writes requests, claims their
 * idempotency keys and counts them against rate limits, all in one step, and reads only idempotency
 * keys (its IAM policy allows no more). {@link DynamoDbBookingRepository} is the real one; the tests'
 * in-memory one passes the same contract.
 */
public interface BookingRepository {

  /**
   * An idempotency key: the salted hash it stands for and until when it counts. Filed under the
   * person it was claimed for (both kinds stand for what they wrote), so their erasure removes it.
   */
  record IdempotencyKey(Kind kind, String hash, Instant expiresAt) {
    public enum Kind {
      /** The client's Idempotency-Key header, hashed. */
      HEADER,
      /** The request's content (its fingerprint): the same request sent again soon. */
      REPEAT
    }
  }

  /** What an idempotency key recorded: the request it created and that request's fingerprint. */
  record KeyRecord(String consultationId, String fingerprint) {}

  /**
   * A rate counter for one window: what it counts ({@code scope}, {@code hash}) and its limit.
   * Counted in the same step as the request, so that only requests actually recorded count, and a
   * repeat of one never does.
   */
  record RateCounter(Scope scope, String hash, long windowStart, Instant windowEnd, int limit) {
    public enum Scope {
      /** A source address: shared by everyone behind it, so filed under no one. */
      IP("ip", false),
      /** One person's e-mail address: filed under them and erased with them. */
      EMAIL("email", true);

      private final String value;
      private final boolean personal;

      Scope(String value, boolean personal) {
        this.value = value;
        this.personal = personal;
      }

      public String value() {
        return value;
      }

      public boolean personal() {
        return personal;
      }
    }
  }

  /** Everything one request writes: the request, its fingerprint, its keys and its counters. */
  record Booking(Consultation consultation, String fingerprint, List<IdempotencyKey> keys, List<RateCounter> counters) {
    public Booking {
      keys = List.copyOf(keys);
      counters = List.copyOf(counters);
    }
  }

  /** What came of writing a booking: all of it was written, or none of it, and why. */
  sealed interface Written {
    /** The request, its keys and its counts are stored. */
    record Recorded() implements Written {}

    /** A key belongs to an earlier request (checked first: a repeat is not a new request). */
    record KeyTaken(IdempotencyKey key) implements Written {}

    /** This counter's window is full. */
    record LimitReached(RateCounter counter) implements Written {}

    /** A concurrent write touched the same keys or counters; trying again decides who won. */
    record Contended() implements Written {}
  }

  /** The request a key stands for, if the key is held and not expired at {@code now}. */
  Optional<KeyRecord> findKey(IdempotencyKey key, Instant now);

  /**
   * Stores the request, claims its keys (a key expired at {@code now} is free again) and counts it
   * against its rate limits: all of it, or nothing.
   */
  Written record(Booking booking, Instant now);
}
