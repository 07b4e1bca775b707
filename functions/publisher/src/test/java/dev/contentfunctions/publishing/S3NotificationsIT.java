package dev.contentfunctions.publishing;

import dev.contentfunctions.localaws.LocalContext;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.tables.posts.Post;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole path as deployed: an upload to the bucket, the bucket's own notification (filtered as
 * template.yaml filters it), the event's JSON as the bucket sent it, the stream handler.
 */
class S3NotificationsIT {
  private final PublishingTestBed bed = new PublishingTestBed();
  private final String queueUrl =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), bed.moto)
          .notifyQueue(bed.bucket, "PublisherFunction", TemplateResources.uniqueName("events"));

  private List<Message> receive() {
    List<Message> received = new ArrayList<>();
    List<Message> batch;
    do {
      batch =
          bed.moto
              .sqs()
              .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      received.addAll(batch);
    } while (!batch.isEmpty());
    return received;
  }

  /** Every event received, handled as Lambda would hand it over. */
  private int deliver() {
    List<Message> messages = receive();
    for (Message message : messages) {
      LocalContext context = new LocalContext("PublisherFunction");
      StreamInvocation.invoke(bed.handler(context), message.body().getBytes(StandardCharsets.UTF_8), context);
    }
    return messages.size();
  }

  @Test
  void uploadedPostIsPublishedThroughTheBucketsOwnNotification() {
    bed.upload("posts/a walk in the park.md", PublishingTestBed.post("A walk", "2025-09-01", "", "Outside."));
    bed.upload("reports/ignored.md", "not a post");

    assertThat(deliver()).isEqualTo(1);

    assertThat(bed.post("a-walk-in-the-park")).get().extracting(Post::title).isEqualTo("A walk");
  }

  @Test
  void markdownFilesWithAnyCaseOfExtensionArePublished() {
    bed.upload("posts/Upper Case.MD", PublishingTestBed.post("Upper", "2025-09-01", "", "Body."));
    bed.upload("posts/Mixed.Md", PublishingTestBed.post("Mixed", "2025-09-02", "", "Body."));
    bed.upload("posts/long-form.markdown", PublishingTestBed.post("Long", "2025-09-03", "", "Body."));
    bed.upload("posts/Shouting.MARKDOWN", PublishingTestBed.post("Shouting", "2025-09-04", "", "Body."));

    assertThat(deliver()).isEqualTo(4);

    assertThat(bed.post("upper-case")).get().extracting(Post::title).isEqualTo("Upper");
    assertThat(bed.post("mixed")).get().extracting(Post::title).isEqualTo("Mixed");
    assertThat(bed.post("long-form")).get().extracting(Post::title).isEqualTo("Long");
    assertThat(bed.post("shouting")).get().extracting(Post::title).isEqualTo("Shouting");
    assertThat(bed.report("posts/Upper Case.MD").path("status").asText()).isEqualTo("published");
    assertThat(bed.report("posts/Upper Case.MD").path("slug").asText()).isEqualTo("upper-case");
  }

  @Test
  void everyOtherFileUnderPostsGetsAReportSayingWhyItWasIgnored() {
    bed.upload("posts/notes.txt", "not a post");
    bed.upload("posts/README", "no extension");

    assertThat(deliver()).isEqualTo(2);

    assertThat(bed.report("posts/notes.txt").path("status").asText()).isEqualTo("ignored");
    assertThat(bed.report("posts/notes.txt").path("message").asText())
        .contains("not a Markdown file: .txt");
    assertThat(bed.report("posts/README").path("message").asText())
        .contains("not a Markdown file: no extension");

    // moto sends no event for a delete marker; S3 does, and this is the event it sends.
    bed.deleteObject("posts/notes.txt");
    bed.moto.s3().deleteObject(r -> r.bucket(bed.bucket).key("reports/posts/notes.txt.json"));
    bed.invoke(bed.deleteEvent("posts/notes.txt", "20"));

    assertThat(bed.report("posts/notes.txt").path("status").asText()).isEqualTo("ignored");
    assertThat(bed.report("posts/notes.txt").path("message").asText())
        .contains("not a Markdown file: .txt");
  }
}
