package dev.contentfunctions.notifier;

import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Booking requests for the tests, apart from {@link NotifierTestBed}: unit tests start no moto. */
final class TestRequests {
  private TestRequests() {}

  /** A new request from an obviously invented person, with a fresh id. */
  static Consultation request(String name, String email) {
    String id = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    Instant received = Instant.parse("2026-01-15T09:30:12.345Z");
    return new Consultation(
        id,
        Consultation.Status.NEW,
        received,
        name,
        email,
        "+1 555 0199",
        "Could we talk about how we argue?",
        List.of("Monday after 6pm", "Friday lunchtime"),
        "Europe/London",
        true,
        "0123456789abcdef0123456789abcdef01234567",
        "89abcdef0123456789abcdef0123456789abcdef",
        null,
        received.plus(365, ChronoUnit.DAYS));
  }

  /** {@code request} with another message. */
  static Consultation withMessage(Consultation request, String message) {
    return new Consultation(
        request.id(),
        request.status(),
        request.receivedAt(),
        request.name(),
        request.email(),
        request.phone(),
        message,
        request.preferredTimes(),
        request.timezone(),
        request.consent(),
        request.sourceIpHash(),
        request.emailHash(),
        request.handledAt(),
        request.expiresAt());
  }
}
