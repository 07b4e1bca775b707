package dev.contentfunctions.coach;

import java.util.Optional;
import java.util.regex.Pattern;

/** A booking request's id: a ULID, 26 characters of Crockford's base32 in upper case. */
public record ConsultationId(String value) {
  /** The first character at most 7: a ULID's time is 48 bits. */
  private static final Pattern ULID = Pattern.compile("[0-7][0-9A-HJKMNP-TV-Z]{25}");

  public ConsultationId {
    if (!ULID.matcher(value).matches()) {
      throw new IllegalArgumentException("not a request id");
    }
  }

  /** {@code text} as an id, or empty if it is not shaped like one. */
  public static Optional<ConsultationId> parse(String text) {
    return text != null && ULID.matcher(text).matches() ? Optional.of(new ConsultationId(text)) : Optional.empty();
  }
}
