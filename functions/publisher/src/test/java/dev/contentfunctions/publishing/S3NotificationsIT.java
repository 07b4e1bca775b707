package dev.contentfunctions.publishing;

import dev.contentfunctions.localaws.LocalContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.shared.posts.Post;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The whole path as deployed: an upload to the bucket, the bucket's own notification (filtered as
 * template.yaml filters it), the event deserialised as Lambda deserialises it, the handler.
 */
class S3NotificationsIT {
  private final PublishingTestBed bed = new PublishingTestBed();
  private final String queueUrl =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), bed.moto)
          .notifyQueue(bed.bucket, "PublisherFunction", TemplateResources.uniqueName("events"));

  private List<Message> receive() {
    return bed.moto.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
  }

  @Test
  void uploadedPostIsPublishedThroughTheBucketsOwnNotification() {
    bed.upload("posts/a walk in the park.md", PublishingTestBed.post("A walk", "2025-09-01", "", "Outside."));
    bed.upload("reports/ignored.md", "not a post");
    bed.upload("posts/notes.txt", "not a post either");

    List<Message> messages = receive();
    assertThat(messages).hasSize(1);
    S3Event event =
        LambdaEventSerializers.serializerFor(S3Event.class, getClass().getClassLoader())
            .fromJson(messages.get(0).body());
    bed.handler.handleRequest(event, new LocalContext("PublisherFunction"));

    assertThat(bed.post("a-walk-in-the-park")).get().extracting(Post::title).isEqualTo("A walk");
  }
}
