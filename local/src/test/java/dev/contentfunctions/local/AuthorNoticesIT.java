package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.RepoPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The author's e-mail, locally: a broken post uploaded to the run's bucket puts one notice in the
 * AuthorTopic's inbox queue (where an e-mail subscriber would get it) and one console line; the same
 * S3 event delivered again to the publisher writes the report again and sends nothing new.
 */
class AuthorNoticesIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "posts/broken-for-the-author.md";

  @TempDir static Path temp;
  private static LocalRunProcess run;
  private static String stack;

  @BeforeAll
  static void startTheRun() throws Exception {
    Path content = Files.createDirectories(temp.resolve("content/posts")).getParent();
    Path web = Files.createDirectories(temp.resolve("web"));
    run = LocalRunProcess.start(content, web, temp.resolve("local-run.log"));
    stack = LocalRun.stackName(RepoPaths.root());
    run.await("the API answers", START_TIMEOUT, () -> {
      try {
        return run.get("/posts").startsWith("200 ");
      } catch (Exception e) {
        return false;
      }
    });
  }

  @AfterAll
  static void stopTheRun() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void aBrokenPostSendsTheAuthorOneNoticeAndItsEventDeliveredAgainSendsNothing() throws Exception {
    String bucket = stack + "-content-" + TemplateValues.ACCOUNT_ID;
    List<JsonNode> inbox = new CopyOnWriteArrayList<>();
    try (S3Client s3 = run.s3();
        SqsClient sqs = run.sqs()) {
      String inboxUrl =
          sqs.getQueueUrl(r -> r.queueName(LocalStack.generatedName(stack, "AuthorTopic") + "-inbox")).queueUrl();
      s3.putObject(
          r -> r.bucket(bucket).key(KEY),
          RequestBody.fromString("---\ntitle: Broken\ndate: 2025-10-01\ntags: [a, b\n---\n\nBody.\n"));

      run.await("the author's notice", NOTICE_TIMEOUT, () -> read(sqs, inboxUrl, inbox) && inbox.size() >= 1);
      JsonNode notice = inbox.get(0);
      assertThat(notice.path("Subject").asText()).isEqualTo("Not published: broken-for-the-author.md");
      assertThat(notice.path("Message").asText())
          .contains("The file " + KEY + " could not be published.")
          .containsPattern("line \\d+, column \\d+")
          .contains("Nothing was published from this file");
      run.await("the console line", NOTICE_TIMEOUT,
          () -> run.output().contains("AuthorTopic  sent \"Not published: broken-for-the-author.md\""));

      // The same event again, as Lambda's retry or S3's at-least-once delivery would send it.
      String events = sqs.getQueueUrl(r -> r.queueName(LocalStack.eventQueueName(stack, "PublisherFunction"))).queueUrl();
      Instant reportedBefore = s3.headObject(r -> r.bucket(bucket).key("reports/" + KEY + ".json")).lastModified();
      Thread.sleep(1100); // S3's Last-Modified has whole seconds
      sqs.sendMessage(r -> r.queueUrl(events).messageBody(event(bucket, KEY)));
      run.await("the report written again", NOTICE_TIMEOUT,
          () -> s3.headObject(r -> r.bucket(bucket).key("reports/" + KEY + ".json")).lastModified().isAfter(reportedBefore)
              && pending(sqs, events) == 0);
      Thread.sleep(1500); // time for a second notice to reach the inbox, if one were sent
      read(sqs, inboxUrl, inbox);

      assertThat(inbox).as("notices in the author's inbox").hasSize(1);
    }
  }

  /** Moves what the inbox holds into {@code inbox} (SNS envelopes); true once it has read. */
  private static boolean read(SqsClient sqs, String queueUrl, List<JsonNode> inbox) {
    for (Message message : sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
      try {
        inbox.add(JSON.readTree(message.body()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }
    return true;
  }

  private static int pending(SqsClient sqs, String queueUrl) {
    var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
        .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  /** An S3 notification of the upload, as moto sends it to the publisher's queue (no version, no sequencer). */
  private static String event(String bucket, String key) {
    var record = JSON.createObjectNode();
    record.put("eventVersion", "2.1").put("eventSource", "aws:s3").put("awsRegion", "us-east-1")
        .put("eventTime", Instant.now().toString()).put("eventName", "ObjectCreated:Put");
    var s3 = record.putObject("s3");
    s3.put("s3SchemaVersion", "1.0").put("configurationId", "PostChanged");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    s3.putObject("object").put("key", key).put("size", 60);
    var root = JSON.createObjectNode();
    root.putArray("Records").add(record);
    return root.toString();
  }
}
