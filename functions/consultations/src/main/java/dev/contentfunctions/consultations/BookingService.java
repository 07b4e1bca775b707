package dev.contentfunctions.consultations;

import dev.contentfunctions.consultations.RequestValidator.FieldError;
import dev.contentfunctions.consultations.RequestValidator.Validated;
import dev.contentfunctions.kit.Backoff;
import dev.contentfunctions.tables.consultations.BookingRepository;
import dev.contentfunctions.tables.consultations.BookingRepository.Booking;
import dev.contentfunctions.tables.consultations.BookingRepository.KeyRecord;
import dev.contentfunctions.tables.consultations.BookingRepository.RateCounter;
import dev.contentfunctions.tables.consultations.BookingRepository.Written;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records a booking request exactly once. A retry (same Idempotency-Key) or the same request sent
 * again within {@link #REPEAT_WINDOW} gets the first answer, even when both arrive at once: the
 * request, its keys and its rate counters (per source address, per e-mail address) are written in
 * one step ({@link BookingRepository#record}), so only recorded requests count and a repeat never
 * does. A filled honeypot is answered but not recorded. Knows nothing of HTTP.
 */
final class BookingService {
  /** How long an Idempotency-Key header is remembered. */
  static final Duration KEY_LIFETIME = Duration.ofHours(24);

  /** The same person sending the same request again within this window is a repeat, not a new one. */
  static final Duration REPEAT_WINDOW = Duration.ofMinutes(10);

  static final Duration RATE_WINDOW = Duration.ofHours(1);

  /** Per source address: allows an office or family behind one address, stops a flood. */
  static final int MAX_PER_ADDRESS = 10;

  static final int MAX_PER_EMAIL = 3;

  private static final int MAX_ATTEMPTS = 6;

  /** What a visitor submitted: the form's fields as plain values, where from, and the client's key. */
  record Submission(Map<String, Object> fields, String sourceIp, Optional<IdempotencyKey> key) {}

  sealed interface Result {
    record Recorded(String id) implements Result {}

    /** A repeat of an earlier request: answered with its id, nothing written. */
    record Repeated(String id) implements Result {}

    /** The honeypot was filled: answered like a success (with an id nothing has), nothing written. */
    record HoneypotIgnored(String id) implements Result {}

    record Invalid(List<FieldError> errors) implements Result {}

    /** A rate counter's window is full: try again after {@code retryAfterSeconds}. */
    record Limited(RateCounter.Scope scope, long retryAfterSeconds) implements Result {}

    /** The Idempotency-Key was used for a different request. */
    record KeyReused() implements Result {}

    /** Concurrent requests kept contending for the same keys: send again in a moment. */
    record Busy() implements Result {}
  }

  /** What one request writes, decided before anything is written. */
  record Plan(Booking booking, Instant windowEnd) {}

  private final BookingRepository repository;
  private final RequestValidator validator = new RequestValidator();
  private final SaltedHash hash;
  private final Duration retention;
  private final Clock clock;

  BookingService(BookingRepository repository, SaltedHash hash, Duration retention, Clock clock) {
    this.repository = repository;
    this.hash = hash;
    this.retention = retention;
    this.clock = clock;
  }

  Result submit(Submission submission) {
    Instant now = clock.instant();
    Validated validated = validator.validate(submission.fields());
    if (validated instanceof Validated.Invalid invalid) {
      return new Result.Invalid(invalid.errors());
    }
    ConsultationRequest request = ((Validated.Valid) validated).request();
    if (request.honeypotFilled()) {
      return new Result.HoneypotIgnored(Ulid.at(now));
    }
    return commit(plan(request, submission.sourceIp(), submission.key(), now), now);
  }

  /**
   * The request as stored, its keys (the client's, and its content's for repeats) and its counters
   * for the current window: pure, so the rules can be read and tested without a table.
   */
  Plan plan(ConsultationRequest request, String sourceIp, Optional<IdempotencyKey> key, Instant now) {
    String fingerprint = hash.of("request", request.fingerprint());
    List<BookingRepository.IdempotencyKey> keys = new ArrayList<>();
    key.ifPresent(
        k ->
            keys.add(
                new BookingRepository.IdempotencyKey(
                    BookingRepository.IdempotencyKey.Kind.HEADER, hash.of("idempotency-key", k.value()), now.plus(KEY_LIFETIME))));
    keys.add(
        new BookingRepository.IdempotencyKey(BookingRepository.IdempotencyKey.Kind.REPEAT, fingerprint, now.plus(REPEAT_WINDOW)));
    String emailHash = hash.ofEmail(request.email());
    String ipHash = hash.ofIp(sourceIp);
    long window = RATE_WINDOW.getSeconds();
    long windowStart = now.getEpochSecond() / window * window;
    Instant windowEnd = Instant.ofEpochSecond(windowStart + window);
    List<RateCounter> counters =
        List.of(
            new RateCounter(RateCounter.Scope.IP, ipHash, windowStart, windowEnd, MAX_PER_ADDRESS),
            new RateCounter(RateCounter.Scope.EMAIL, emailHash, windowStart, windowEnd, MAX_PER_EMAIL));
    Consultation consultation =
        new Consultation(
            Ulid.at(now),
            Consultation.Status.NEW,
            now,
            request.name(),
            request.email(),
            request.phone(),
            request.message(),
            request.preferredTimes(),
            request.timezone(),
            true,
            ipHash,
            emailHash,
            null,
            now.plus(retention));
    return new Plan(new Booking(consultation, fingerprint, keys, counters), windowEnd);
  }

  /** Writes the plan, unless one of its keys stands for an earlier request; retries contention. */
  private Result commit(Plan plan, Instant now) {
    Booking booking = plan.booking();
    for (int attempt = 1; ; attempt++) {
      Optional<Result> earlier = earlier(booking, now);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      Written written = repository.record(booking, now);
      if (written instanceof Written.Recorded) {
        return new Result.Recorded(booking.consultation().id());
      }
      if (written instanceof Written.LimitReached limit) {
        return new Result.Limited(
            limit.counter().scope(), Math.max(1, plan.windowEnd().getEpochSecond() - now.getEpochSecond()));
      }
      // KeyTaken or Contended: another request got there first (or is writing now); the next
      // round answers as it was answered.
      if (attempt == MAX_ATTEMPTS) {
        return new Result.Busy();
      }
      if (written instanceof Written.Contended) {
        Backoff.pause(attempt);
      }
    }
  }

  /** The earlier request one of the booking's keys stands for, if any. */
  private Optional<Result> earlier(Booking booking, Instant now) {
    for (BookingRepository.IdempotencyKey key : booking.keys()) {
      Optional<KeyRecord> record = repository.findKey(key, now);
      if (record.isPresent()) {
        return Optional.of(
            record.get().fingerprint().equals(booking.fingerprint())
                ? new Result.Repeated(record.get().consultationId())
                : new Result.KeyReused());
      }
    }
    return Optional.empty();
  }
}
