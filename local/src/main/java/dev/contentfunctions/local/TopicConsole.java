package dev.contentfunctions.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One console line per message a topic sends, read from a queue subscribed to it for this alone
 * (the topic's inbox queue stays for people to read). For the coach's notifications the line names
 * the booking request the message is about and nothing else: the message itself is personal data.
 * For the author's notices (AuthorTopic) it gives the subject, which says what happened to which
 * file of the content bucket.
 */
final class TopicConsole implements AutoCloseable {
  /**
   * How the coach's notification names its request (CoachMessage in consultation-notifier): the
   * last such line, since the person's own message comes before it.
   */
  private static final Pattern REQUEST_ID = Pattern.compile("(?m)^Request id: (\\S+)$");

  /** How the author's notices begin their subjects (AuthorNotice in publisher). */
  private static final Pattern AUTHOR_SUBJECT =
      Pattern.compile("(Not published|Published with warnings|Image refused): ");

  private static final ObjectMapper JSON = new ObjectMapper();
  // Short polls, as everywhere in the run: local-aws's moto serves one request at a time.
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private final SqsClient sqs;
  private final String topicId;
  private final String queueUrl;
  private final PrintStream out;
  private final Thread thread;
  private volatile boolean stopped;

  TopicConsole(SqsClient sqs, String topicId, String queueUrl, PrintStream out) {
    this.sqs = sqs;
    this.topicId = topicId;
    this.queueUrl = queueUrl;
    this.out = out;
    this.thread = new Thread(this::run, "topic-console");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
  }

  private void run() {
    while (!stopped) {
      Duration pause = POLL_INTERVAL;
      try {
        List<Message> messages =
            sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
        for (Message message : messages) {
          out.println(Console.line(topicId, describe(message.body())));
          sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        }
        if (!messages.isEmpty()) {
          continue;
        }
      } catch (RuntimeException e) {
        if (stopped) {
          return; // moto is going away with the rest of the run
        }
        out.println(Console.line(topicId, "cannot read its console queue: " + e.getMessage()));
        pause = Duration.ofSeconds(1);
      }
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * "sent a notification for request <id>" (the coach's), else "sent \"<subject>\"" (the author's
   * notices: a file's name and what became of it), from SNS's envelope of the message.
   */
  static String describe(String envelope) {
    String messageId = "?";
    try {
      JsonNode json = JSON.readTree(envelope);
      messageId = json.path("MessageId").asText("?");
      Matcher id = REQUEST_ID.matcher(json.path("Message").asText(""));
      String requestId = null;
      while (id.find()) {
        requestId = id.group(1);
      }
      if (requestId != null) {
        return "sent a notification for request " + requestId;
      }
      String subject = json.path("Subject").asText("");
      if (AUTHOR_SUBJECT.matcher(subject).lookingAt()) {
        return "sent \"" + subject + "\"";
      }
    } catch (JsonProcessingException notAnEnvelope) {
      // described by the message id alone
    }
    return "sent message " + messageId;
  }
}
