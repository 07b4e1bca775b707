package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.List;

/**
 * A recorded "book a free 15-minute consultation" request. Holds personal data: never log a field
 * of it but {@code id}, {@code status} and times.
 *
 * @param id a ULID: unique, and sortable by the time it was received
 * @param phone, message, timezone may be null
 * @param sourceIpHash the sender's IP address, only as a salted hash (for rate limits and abuse)
 * @param emailHash the normalised e-mail address as a salted hash: finds a person's requests for
 *     erasure without the address itself being a key
 * @param handledAt when the coach marked it handled; null while new
 */
public record Consultation(
    String id,
    Status status,
    Instant receivedAt,
    String name,
    String email,
    String phone,
    String message,
    List<String> preferredTimes,
    String timezone,
    boolean consent,
    String sourceIpHash,
    String emailHash,
    Instant handledAt,
    Instant expiresAt) {

  public Consultation {
    preferredTimes = List.copyOf(preferredTimes);
  }

  public enum Status {
    NEW,
    HANDLED;

    public String value() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status named {@code value} ("new", "handled"), or null. */
    public static Status parse(String value) {
      for (Status status : values()) {
        if (status.value().equals(value)) {
          return status;
        }
      }
      return null;
    }
  }
}
