package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.shared.consultations.Consultation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoachMessageTest {
  private final Consultation request = NotifierTestBed.request("Alex Example", "alex@example.com");

  @Test
  void bodyHoldsWhatTheCoachNeedsToAnswer() {
    String body = CoachMessage.of(request).body();

    assertThat(body)
        .contains("Name: Alex Example\n")
        .contains("E-mail: alex@example.com\n")
        .contains("Phone: +1 555 0199\n")
        .contains("Timezone: Europe/London\n")
        .contains("- Monday after 6pm\n- Friday lunchtime\n")
        .contains("Message:\nCould we talk about how we argue?\n")
        .contains("Received: 2026-01-15 09:30 UTC\n")
        .contains("Request id: " + request.id() + "\n");
  }

  @Test
  void subjectIsFixedAsciiThatSnsAccepts() {
    String subject = CoachMessage.of(request).subject();

    assertThat(subject).isEqualTo("New consultation request").hasSizeLessThan(100);
    assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(subject)).isTrue();
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
        .contains("Preferred times:\n- (not given)\n")
        .contains("Message:\n(not given)\n");
  }

  @Test
  void lineBreakInANameCannotStartAnotherField() {
    Consultation forged =
        NotifierTestBed.request("Alex\r\nE-mail: other@example.net", "alex@example.com");

    assertThat(CoachMessage.of(forged).body())
        .contains("Name: Alex E-mail: other@example.net\n")
        .doesNotContain("\nE-mail: other@example.net");
  }
}
