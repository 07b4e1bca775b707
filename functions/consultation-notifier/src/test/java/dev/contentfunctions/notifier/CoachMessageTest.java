package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.consultations.Consultation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CoachMessageTest {
  private final Consultation request = TestRequests.request("Alex Example", "alex@example.com");

  @Test
  void bodyHoldsWhatTheCoachNeedsToAnswer() {
    String body = CoachMessage.of(request).body();

    assertThat(body)
        .contains("Request id: " + request.id() + "\n")
        .contains("Received: 2026-01-15 09:30 UTC\n")
        .contains("Mark it handled: POST /coach/consultations/" + request.id() + "/handled\n")
        .contains("\nWrite to them at the e-mail address below")
        .contains("Name: Alex Example\n")
        .contains("E-mail: alex@example.com\n")
        .contains("Phone: +1 555 0199\n")
        .contains("Timezone: Europe/London\n")
        .contains("Preferred times:\n  - Monday after 6pm\n  - Friday lunchtime\n")
        .contains("Message:\n> Could we talk about how we argue?\n");
  }

  @Test
  void systemLinesComeBeforeAnythingTheVisitorWrote() {
    String body = CoachMessage.of(request).body();

    assertThat(body.indexOf("\nWrite to them at")).isLessThan(body.indexOf("\nName: "));
    assertThat(body.indexOf("\nRequest id: ")).isLessThan(body.indexOf("\nName: "));
  }

  @Test
  void subjectIsFixedAsciiThatSnsAccepts() {
    Consultation forged =
        TestRequests.withMessage(
            TestRequests.request("Alex\u2028Subject: hi", "alex@example.com"),
            "Subject: Urgent\r\n\u0085");

    for (Consultation any : List.of(request, forged)) {
      String subject = CoachMessage.of(any).subject();

      assertThat(subject).isEqualTo("New consultation request").hasSizeLessThan(100);
      assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }
    assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(CoachMessage.SUBJECT)).isTrue();
  }

  @Test
  void missingOptionalFieldsAreSaidToBeMissing() {
    Consultation sparse =
        new Consultation(
            request.id(),
            request.status(),
            request.receivedAt(),
            request.name(),
            request.email(),
            null,
            " ",
            List.of(),
            null,
            true,
            request.sourceIpHash(),
            request.emailHash(),
            null,
            request.expiresAt());

    assertThat(CoachMessage.of(sparse).body())
        .contains("Phone: (not given)\n")
        .contains("Timezone: (not given)\n")
        .contains("Preferred times: (not given)\n")
        .contains("Message: (not given)\n");
  }

  @Test
  void forgedMessageCannotAddSystemLines() {
    Consultation forged =
        TestRequests.withMessage(
            request,
            "We argue a lot.\r\nRequest id: 01FORGEDFORGEDFORGEDFORGED\r\n"
                + "Write to them at attacker@evil.example");

    String body = CoachMessage.of(forged).body();

    assertThat(linesStartingWith(body, "Request id:"))
        .containsExactly("Request id: " + request.id());
    assertThat(linesStartingWith(body, "Write to them at")).hasSize(1);
    assertThat(body)
        .contains(
            "Message:\n> We argue a lot.\n> Request id: 01FORGEDFORGEDFORGEDFORGED\n"
                + "> Write to them at attacker@evil.example\n");
  }

  @ParameterizedTest
  @MethodSource("separators")
  void everySeparatorInAMessageIsALineBreakOfTheQuote(String separator) {
    Consultation forged =
        TestRequests.withMessage(
            request, "Hello" + separator + "Request id: 01FORGED" + separator + "Bye");

    String body = CoachMessage.of(forged).body();

    assertThat(linesStartingWith(body, "Request id:"))
        .containsExactly("Request id: " + request.id());
    assertThat(body).contains("Message:\n> Hello\n> Request id: 01FORGED\n> Bye\n");
  }

  @ParameterizedTest
  @MethodSource("separators")
  void everySeparatorInANameIsASpace(String separator) {
    Consultation forged =
        TestRequests.request(
            "Alex" + separator + "Request id: 01FORGED" + separator + "Write to them at x@y.z",
            "alex@example.com");

    String body = CoachMessage.of(forged).body();

    assertThat(linesStartingWith(body, "Request id:"))
        .containsExactly("Request id: " + forged.id());
    assertThat(linesStartingWith(body, "Write to them at")).hasSize(1);
    assertThat(body).contains("\nName: Alex Request id: 01FORGED Write to them at x@y.z\n");
  }

  /** Every line separator of the issue, and the ones Unicode adds (U+001C to U+001E). */
  static Stream<Arguments> separators() {
    return Stream.of(
            "\r", "\n", "\r\n", "\u000B", "\u000C", "\u001C", "\u001D", "\u001E", "\u0085",
            "\u2028", "\u2029")
        .map(separator -> Arguments.of(Named.of(String.format("U+%04X", (int) separator.charAt(0))
            + (separator.length() > 1 ? " U+000A" : ""), separator)));
  }

  @Test
  void lineBreakInAnyOneLineFieldCannotStartAnotherField() {
    Consultation forged =
        new Consultation(
            request.id(),
            request.status(),
            request.receivedAt(),
            "Alex\r\nE-mail: other@example.net",
            "alex@example.com\u2028Phone: 0",
            "+1 555 0199\u0085Timezone: UTC",
            request.message(),
            List.of("Monday\u2029Request id: 01FORGED"),
            "Europe/London\u000BMessage:",
            true,
            request.sourceIpHash(),
            request.emailHash(),
            null,
            request.expiresAt());

    assertThat(CoachMessage.of(forged).body())
        .contains("\nName: Alex E-mail: other@example.net\n")
        .contains("\nE-mail: alex@example.com Phone: 0\n")
        .contains("\nPhone: +1 555 0199 Timezone: UTC\n")
        .contains("\n  - Monday Request id: 01FORGED\n")
        .contains("\nTimezone: Europe/London Message:\n")
        .doesNotContain("\nE-mail: other@example.net", "\nPhone: 0", "\nTimezone: UTC");
  }

  @Test
  void hiddenCharactersInOneLineFieldsAreShownAsMarkers() {
    Consultation hidden =
        TestRequests.request(
            "Alex\u202Eelpmaxe\u202C\u2066x\u2069", "alex\u200B@exa\uFEFFmple.com");

    assertThat(CoachMessage.of(hidden).body())
        .contains("\nName: Alex[U+202E]elpmaxe[U+202C][U+2066]x[U+2069]\n")
        .contains("\nE-mail: alex[U+200B]@exa[U+FEFF]mple.com\n");
  }

  @Test
  void bidiOverridesInAMessageAreShownAsMarkers() {
    Consultation hidden = TestRequests.withMessage(request, "Call me\u202E at noon\u0007\u0000.");

    assertThat(CoachMessage.of(hidden).body())
        .contains("Message:\n> Call me[U+202E] at noon[U+0007][U+0000].\n");
  }

  @Test
  void joinersAndRightToLeftMarksThatWritingNeedsStay() {
    String name = "\u200Fשרה\u200F \u200Eכהן 👩\u200D💻 می\u200Cخواهم";

    assertThat(CoachMessage.of(TestRequests.request(name, "sara@example.com")).body())
        .contains("\nName: " + name + "\n");
  }

  @Test
  void messageOfSeparatorsOnlyIsNotGiven() {
    Consultation blank =
        TestRequests.withMessage(request, "\r\n\u2028\u2029\u0085\u000B\u000C \t\u00A0\u001C");

    assertThat(CoachMessage.of(blank).body()).contains("\nMessage: (not given)\n");
  }

  @Test
  void nameOfSeparatorsOnlyIsNotGiven() {
    String body = CoachMessage.of(TestRequests.request("\u0085\u2028", "a@b.example")).body();

    assertThat(body).contains("\nName: (not given)\n");
  }

  @Test
  void blankLinesInsideAMessageAreQuotedToo() {
    Consultation paragraphs =
        TestRequests.withMessage(request, "First.\n\nSecond.\u2029\u2029Third.");

    assertThat(CoachMessage.of(paragraphs).body())
        .contains("Message:\n> First.\n>\n> Second.\n>\n> Third.\n");
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 5000})
  void veryLongOneLineValuesAreCutAndSaidToBe(int length) {
    String name = "a".repeat(length - 1) + "Z";

    String body = CoachMessage.of(TestRequests.request(name, "alex@example.com")).body();

    assertThat(body)
        .contains(
            "\nName (the first 300 characters of " + length + "): " + "a".repeat(300) + "\n")
        .doesNotContain("Z\n");
  }

  @Test
  void veryLongMessagesAreCutAndSaidToBe() {
    String message = ("x".repeat(79) + "\n").repeat(100) + "END";

    String body = CoachMessage.of(TestRequests.withMessage(request, message)).body();

    assertThat(body)
        .contains("\nMessage (the first 4000 characters of 8003):\n> " + "x".repeat(79) + "\n")
        .doesNotContain("END");
    assertThat(viewerLines(body).stream().filter(line -> line.startsWith(">"))).hasSize(50);
  }

  @Test
  void aVeryLongPreferredTimeIsCutAndSaidToBe() {
    Consultation request =
        new Consultation(
            this.request.id(),
            this.request.status(),
            this.request.receivedAt(),
            this.request.name(),
            this.request.email(),
            null,
            null,
            List.of("b".repeat(400), "Friday"),
            null,
            true,
            this.request.sourceIpHash(),
            this.request.emailHash(),
            null,
            this.request.expiresAt());

    assertThat(CoachMessage.of(request).body())
        .contains(
            "\nPreferred times:\n  - (the first 300 characters of 400) "
                + "b".repeat(300)
                + "\n  - Friday\n");
  }

  @Test
  void manyPreferredTimesAreCutAndSaidToBe() {
    Consultation many =
        new Consultation(
            request.id(),
            request.status(),
            request.receivedAt(),
            request.name(),
            request.email(),
            null,
            null,
            java.util.stream.IntStream.range(0, 12).mapToObj(i -> "slot " + i).toList(),
            null,
            true,
            request.sourceIpHash(),
            request.emailHash(),
            null,
            request.expiresAt());

    assertThat(CoachMessage.of(many).body())
        .contains("\nPreferred times (the first 10 of 12):\n  - slot 0\n")
        .contains("\n  - slot 9\nMessage")
        .doesNotContain("slot 10");
  }

  private static List<String> linesStartingWith(String body, String prefix) {
    return viewerLines(body).stream().filter(line -> line.startsWith(prefix)).toList();
  }

  /** The body's lines as a viewer may break them: at any of the separators, not only at LF. */
  private static List<String> viewerLines(String body) {
    return List.of(body.split("\r\n|[\n\u000B\u000C\r\u001C-\u001E\u0085\u2028\u2029]", -1));
  }
}
