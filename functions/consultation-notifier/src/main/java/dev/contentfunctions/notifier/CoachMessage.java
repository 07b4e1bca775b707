package dev.contentfunctions.notifier;

import dev.contentfunctions.shared.consultations.Consultation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The notification the coach receives for a request: what SNS sends as the e-mail's subject and
 * plain-text body.
 *
 * <p>The subject is fixed: SNS accepts only ASCII without line breaks, under 100 characters, and a
 * subject line is shown in mailbox lists and previews, where a person's name does not belong. The
 * body holds what the coach needs to answer; it is personal data, so it goes only to the topic,
 * never to a log.
 */
record CoachMessage(String subject, String body) {
  static final String SUBJECT = "New consultation request";

  private static final String NOT_GIVEN = "(not given)";
  private static final DateTimeFormatter RECEIVED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static CoachMessage of(Consultation request) {
    StringBuilder body = new StringBuilder("Someone has asked for a consultation.\n\n");
    field(body, "Name", request.name());
    field(body, "E-mail", request.email());
    field(body, "Phone", request.phone());
    field(body, "Timezone", request.timezone());
    body.append("\nPreferred times:\n");
    if (request.preferredTimes().isEmpty()) {
      body.append("- ").append(NOT_GIVEN).append('\n');
    }
    request.preferredTimes().forEach(time -> body.append("- ").append(oneLine(time)).append('\n'));
    body.append("\nMessage:\n")
        .append(missing(request.message()) ? NOT_GIVEN : request.message().strip())
        .append("\n\n");
    field(body, "Received", RECEIVED.format(request.receivedAt()));
    field(body, "Request id", request.id());
    // SNS sends from a no-reply address: answering this e-mail would not reach the person.
    body.append(
        "\nWrite to them at the address above; a reply to this e-mail does not reach them.\n");
    return new CoachMessage(SUBJECT, body.toString());
  }

  private static void field(StringBuilder body, String label, String value) {
    body.append(label).append(": ");
    body.append(missing(value) ? NOT_GIVEN : oneLine(value)).append('\n');
  }

  private static boolean missing(String value) {
    return value == null || value.isBlank();
  }

  /**
   * A one-line field as one line: a line break typed into a name must not start what looks like
   * another field of the message (a second "E-mail:").
   */
  private static String oneLine(String value) {
    return value.replaceAll("\\p{Cntrl}+", " ").strip();
  }
}
