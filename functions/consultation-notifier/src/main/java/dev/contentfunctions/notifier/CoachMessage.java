package dev.contentfunctions.notifier;

import dev.contentfunctions.tables.consultations.Consultation;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The notification the coach receives for a request: what SNS sends as the e-mail's subject and
 * plain-text body.
 *
 * <p>The subject is fixed: SNS accepts only ASCII without line breaks, under 100 characters, and a
 * subject line is shown in mailbox lists and previews, where a person's name does not belong. The
 * body holds what the coach needs to answer; it is personal data, so it goes only to the topic,
 * never to a log.
 *
 * <p>The body's own lines (request id, time, how to mark it handled, how to answer) come first.
 * What the visitor wrote follows, so that nothing they type can come before or among those lines
 * or pass for one of them: each one-line value after its label on the same line, the preferred
 * times as an indented list, and the message quoted with "> " on every line (see {@link
 * VisitorText} for what counts as a line break and what is shown as a marker).
 */
record CoachMessage(String subject, String body) {
  static final String SUBJECT = "New consultation request";

  /*
   * The booking form allows less (254 characters at most, 2,000 for the message, 5 times); these
   * bounds hold for any stored item, so that no value can make the e-mail larger than SNS's
   * 256 KB, which would leave the coach untold.
   */
  private static final int MAX_FIELD = 300;
  private static final int MAX_MESSAGE = 4000;
  private static final int MAX_TIMES = 10;

  private static final String NOT_GIVEN = "(not given)";
  private static final DateTimeFormatter RECEIVED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  static CoachMessage of(Consultation request) {
    // The id is the system's own (a ULID), shown as one line all the same: it is read from a
    // stored item.
    String id = VisitorText.of(request.id(), MAX_FIELD).oneLine();
    StringBuilder body = new StringBuilder("Someone has asked for a consultation.\n\n");
    body.append("Request id: ").append(id).append('\n');
    body.append("Received: ").append(RECEIVED.format(request.receivedAt())).append('\n');
    body.append("Mark it handled: POST /coach/consultations/").append(id).append("/handled\n");
    // SNS sends from a no-reply address: answering this e-mail would not reach the person.
    body.append(
        "Write to them at the e-mail address below; a reply to this e-mail does not reach them.\n");
    body.append("\nWhat they wrote, each value after its label and the message quoted with \">\":");
    body.append("\n\n");

    field(body, "Name", request.name());
    field(body, "E-mail", request.email());
    field(body, "Phone", request.phone());
    field(body, "Timezone", request.timezone());
    preferredTimes(body, request.preferredTimes());
    message(body, request.message());
    return new CoachMessage(SUBJECT, body.toString());
  }

  private static void field(StringBuilder body, String label, String value) {
    VisitorText text = VisitorText.of(value, MAX_FIELD);
    body.append(label).append(cutNote(text, MAX_FIELD)).append(": ");
    body.append(text.isBlank() ? NOT_GIVEN : text.oneLine()).append('\n');
  }

  private static void preferredTimes(StringBuilder body, List<String> times) {
    List<VisitorText> given =
        times.stream()
            .map(time -> VisitorText.of(time, MAX_FIELD))
            .filter(time -> !time.isBlank())
            .toList();
    if (given.isEmpty()) {
      body.append("Preferred times: ").append(NOT_GIVEN).append('\n');
      return;
    }
    body.append("Preferred times");
    if (given.size() > MAX_TIMES) {
      body.append(" (the first ").append(MAX_TIMES).append(" of ").append(given.size()).append(')');
    }
    body.append(":\n");
    for (VisitorText time : given.subList(0, Math.min(given.size(), MAX_TIMES))) {
      body.append("  -").append(cutNote(time, MAX_FIELD)).append(' ').append(time.oneLine());
      body.append('\n');
    }
  }

  private static void message(StringBuilder body, String message) {
    VisitorText text = VisitorText.of(message, MAX_MESSAGE);
    if (text.isBlank()) {
      body.append("Message: ").append(NOT_GIVEN).append('\n');
      return;
    }
    body.append("Message").append(cutNote(text, MAX_MESSAGE)).append(":\n");
    for (String line : text.lines()) {
      body.append(line.isEmpty() ? ">" : "> " + line).append('\n');
    }
  }

  /** A cut value says so before it, next to its label, where the visitor's text cannot be. */
  private static String cutNote(VisitorText text, int max) {
    return text.isCut() ? " (the first " + max + " characters of " + text.length() + ")" : "";
  }
}
