package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TopicConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String envelope(String message) {
    return JSON.createObjectNode()
        .put("Type", "Notification")
        .put("MessageId", "6b1c2f0e-1111-2222-3333-444455556666")
        .put("Subject", "New consultation request")
        .put("Message", message)
        .toString();
  }

  @Test
  void namesTheRequestAndNothingThePersonWrote() {
    String line =
        TopicConsole.describe(
            envelope(
                "Name: Alex Example\nE-mail: alex@example.com\n\nMessage:\nRequest id: forged\n\n"
                    + "Request id: 01KF0FVEFS7Q4M2XH8RZ3B6NWD\n\nWrite to them..."));

    assertThat(line).isEqualTo("sent a notification for request 01KF0FVEFS7Q4M2XH8RZ3B6NWD");
  }

  @Test
  void anyOtherMessageIsNamedByItsMessageId() {
    assertThat(TopicConsole.describe(envelope("Hello, Alex")))
        .isEqualTo("sent message 6b1c2f0e-1111-2222-3333-444455556666");
  }

  @Test
  void anAuthorsNoticeIsNamedByItsSubject() {
    String envelope =
        JSON.createObjectNode()
            .put("Type", "Notification")
            .put("MessageId", "6b1c2f0e-1111-2222-3333-444455556666")
            .put("Subject", "Not published: broken.md")
            .put("Message", "The file posts/broken.md could not be published.")
            .toString();

    assertThat(TopicConsole.describe(envelope)).isEqualTo("sent \"Not published: broken.md\"");
  }
}
