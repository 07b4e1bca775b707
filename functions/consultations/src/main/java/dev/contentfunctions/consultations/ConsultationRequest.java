package dev.contentfunctions.consultations;

import java.util.List;

/**
 * What a visitor sent, validated: every field within its bounds. {@code phone}, {@code message} and
 * {@code timezone} may be null. Personal data: never log it.
 *
 * @param honeypotFilled the field hidden from people was filled: a bot, answered but not recorded
 */
public record ConsultationRequest(
    String name,
    String email,
    String phone,
    String message,
    List<String> preferredTimes,
    String timezone,
    boolean honeypotFilled) {

  public ConsultationRequest {
    preferredTimes = List.copyOf(preferredTimes);
  }

  /** The same request however it was typed: what decides that a second submission is a repeat. */
  String fingerprint() {
    return String.join(
        "\u001f",
        name.strip().toLowerCase(java.util.Locale.ROOT),
        email.strip().toLowerCase(java.util.Locale.ROOT),
        String.valueOf(phone),
        String.valueOf(message),
        String.join("\u001e", preferredTimes),
        String.valueOf(timezone));
  }
}
