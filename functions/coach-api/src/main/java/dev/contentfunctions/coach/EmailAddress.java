package dev.contentfunctions.coach;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address as the booking form accepts one: something@somewhere, at most {@link
 * #MAX_LENGTH} characters, without surrounding blanks. Holds personal data: never log it.
 */
public record EmailAddress(String value) {
  public static final int MAX_LENGTH = 254;

  /** As lenient as the booking form: the address need only be something@somewhere. */
  private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+");

  public EmailAddress {
    if (value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not an e-mail address");
    }
  }

  /** {@code text} without its blank ends as an address, or empty if it is not one. */
  public static Optional<EmailAddress> parse(String text) {
    String address = text == null ? "" : text.strip();
    return address.length() <= MAX_LENGTH && SHAPE.matcher(address).matches()
        ? Optional.of(new EmailAddress(address))
        : Optional.empty();
  }

  /** A record prints its components: the address must not reach a log line by accident. */
  @Override
  public String toString() {
    return "EmailAddress[(hidden)]";
  }
}
