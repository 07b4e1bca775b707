package dev.contentfunctions.consultations;

import dev.contentfunctions.consultations.ConsultationRepository.IdempotencyKey;
import dev.contentfunctions.consultations.ConsultationRepository.KeyRecord;
import dev.contentfunctions.consultations.ConsultationRepository.RateCounter;
import dev.contentfunctions.kit.Backoff;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a booking request exactly once. A retry (same Idempotency-Key) or the same request sent
 * again within {@link #REPEAT_WINDOW} gets the first answer, even when both arrive at once: the
 * request, its keys and its rate counters (per source address, per e-mail address) are written in
 * one conditional transaction, so only recorded requests count and a repeat never does. A filled
 * honeypot is answered but not recorded.
 * Knows nothing of HTTP.
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

  private static final int MAX_IDEMPOTENCY_KEY = 200;
  private static final int MAX_ATTEMPTS = 6;

  private final ConsultationRepository repository;
  private final RequestValidator validator = new RequestValidator();
  private final SaltedHash hash;
  private final Duration retention;
  private final Clock clock;

  BookingService(ConsultationRepository repository, SaltedHash hash, Duration retention, Clock clock) {
    this.repository = repository;
    this.hash = hash;
    this.retention = retention;
    this.clock = clock;
  }

  enum Outcome {
    RECORDED,
    /** A repeat of an earlier request: answered with its id, nothing written. */
    REPEATED,
    /** The honeypot was filled: answered like a success, nothing written. */
    IGNORED
  }

  record Result(Outcome outcome, String id) {}

  Result submit(java.util.Map<String, Object> fields, String sourceIp, String idempotencyKey) {
    String headerKey = idempotencyKey == null ? null : checkedKey(idempotencyKey);
    ConsultationRequest request = validator.validate(fields);
    Instant now = clock.instant();
    if (request.honeypotFilled()) {
      return new Result(Outcome.IGNORED, Ulid.at(now));
    }
    String fingerprint = hash.of("request", request.fingerprint());
    List<IdempotencyKey> keys = new ArrayList<>();
    if (headerKey != null) {
      keys.add(new IdempotencyKey("key:" + hash.of("idempotency-key", headerKey), now.plus(KEY_LIFETIME)));
    }
    keys.add(new IdempotencyKey("repeat:" + fingerprint, now.plus(REPEAT_WINDOW)));

    Optional<Result> repeat = earlier(keys, fingerprint, now);
    if (repeat.isPresent()) {
      return repeat.get();
    }
    String emailHash = hash.ofEmail(request.email());
    String ipHash = hash.ofIp(sourceIp);
    long window = RATE_WINDOW.getSeconds();
    long windowStart = now.getEpochSecond() / window * window;
    Instant windowEnd = Instant.ofEpochSecond(windowStart + window);
    List<RateCounter> counters =
        List.of(
            new RateCounter("ip", ipHash, windowStart, windowEnd, MAX_PER_ADDRESS, false),
            new RateCounter("email", emailHash, windowStart, windowEnd, MAX_PER_EMAIL, true));

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
    for (int attempt = 1; ; attempt++) {
      try {
        repository.record(consultation, fingerprint, keys, counters, now);
        return new Result(Outcome.RECORDED, consultation.id());
      } catch (ConsultationRepository.LimitReached e) {
        long retryAfter = Math.max(1, windowEnd.getEpochSecond() - now.getEpochSecond());
        throw new ApiException.TooManyRequests(
            "We have received several requests "
                + (e.counter.scope().equals("ip") ? "from your network" : "for this e-mail address")
                + " recently; please try again later.",
            retryAfter);
      } catch (ConsultationRepository.KeyTaken | ConsultationRepository.Contended e) {
        // Another request got there first (or is writing now): answer as it was answered.
        repeat = earlier(keys, fingerprint, now);
        if (repeat.isPresent()) {
          return repeat.get();
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new ApiException.Unavailable("Please send your request again in a moment.", 2);
        }
        Backoff.pause(attempt);
      }
    }
  }

  /** The earlier request one of {@code keys} stands for, if any; 422 if the key was used for other data. */
  private Optional<Result> earlier(List<IdempotencyKey> keys, String fingerprint, Instant now) {
    for (IdempotencyKey key : keys) {
      Optional<KeyRecord> record = repository.findKey(key.key(), now);
      if (record.isPresent()) {
        if (!record.get().fingerprint().equals(fingerprint)) {
          throw new ApiException.Unprocessable(
              "This Idempotency-Key was already used for a different request; use a new key for new data.");
        }
        return Optional.of(new Result(Outcome.REPEATED, record.get().consultationId()));
      }
    }
    return Optional.empty();
  }

  private static String checkedKey(String key) {
    if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new ApiException.BadRequest(
          "The Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters.");
    }
    return key;
  }
}
