package dev.contentfunctions.publishing;

import dev.contentfunctions.localaws.LocalContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The publisher handler, fed the sample events of events/, against moto. */
class PublisherHandlerIT {
  private static final String SEED_KEY =
      "posts/how-to-rebuild-emotional-connection-after-a-hard-season.md";
  private static final String SEED_SLUG = "how-to-rebuild-emotional-connection-after-a-hard-season";

  private final PublishingTestBed bed = new PublishingTestBed();

  private void uploadSeedPost() throws IOException {
    bed.upload(SEED_KEY, Files.readAllBytes(RepoPaths.root().resolve("content").resolve(SEED_KEY)));
  }

  @ParameterizedTest
  @Event(value = "events/s3-put-post.json", type = S3Event.class)
  void samplePutEventPublishesTheSeedPost(S3Event sample) throws IOException {
    uploadSeedPost();
    LocalContext context = new LocalContext("PublisherFunction");

    bed.handler.handleRequest(bed.inThisBucket(sample), context);

    Post post = bed.post(SEED_SLUG).orElseThrow();
    assertThat(post.title()).isEqualTo("How to Rebuild Emotional Connection After a Hard Season");
    assertThat(post.publishedAt()).isEqualTo(Instant.parse("2025-11-03T00:00:00Z"));
    assertThat(post.html())
        .contains("id=\"h-understand-what-created-the-distance\"")
        .contains("Sharing a moment of eye contact");
    assertThat(post.toc()).extracting(t -> t.id()).contains("h-a-new-season-is-possible");
    assertThat(post.readingMinutes()).isPositive();
    assertThat(post.tags()).isNotEmpty();
    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, PublishingTestBed.NOW)).containsExactly(SEED_SLUG);
    assertThat(bed.listedSlugs(PostMapper.tagList(post.tags().get(0)), PublishingTestBed.NOW))
        .containsExactly(SEED_SLUG);
    assertThat(bed.report(SEED_KEY).path("status").asText()).isEqualTo("published");
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"event\":\"post.published\"", SEED_SLUG));
  }

  @ParameterizedTest
  @Event(value = "events/s3-delete-post.json", type = S3Event.class)
  void sampleDeleteEventUnpublishesThePost(S3Event sample) throws Exception {
    uploadSeedPost();
    S3Event put =
        com.amazonaws.services.lambda.runtime.tests.EventLoader.loadS3Event("events/s3-put-post.json");
    bed.handler.handleRequest(bed.inThisBucket(put), new LocalContext("PublisherFunction"));
    assertThat(bed.post(SEED_SLUG)).isPresent();

    bed.deleteObject(SEED_KEY);
    bed.handler.handleRequest(bed.inThisBucket(sample), new LocalContext("PublisherFunction"));

    assertThat(bed.partition(SEED_SLUG)).isEmpty();
    assertThat(bed.listing(PostMapper.PUBLISHED_LIST, PublishingTestBed.NOW)).isEmpty();
    assertThat(bed.source(SEED_KEY)).hasValueSatisfying(s -> assertThat(s.removed()).isTrue());
    assertThat(bed.report(SEED_KEY).path("status").asText()).isEqualTo("removed");
  }

  @Test
  void brokenPostIsReportedNotRetriedAndThePreviousVersionStaysLive() {
    String key = "posts/steady.md";
    String good = bed.upload(key, PublishingTestBed.post("Steady", "2025-10-01", "", "First version."));
    bed.handler.handleRequest(bed.putEvent(key, good, "0A"), new LocalContext("PublisherFunction"));
    String broken = bed.upload(key, "---\ntitle: [unclosed\ndate: 2025-10-02\n---\nSecond version.");
    LocalContext context = new LocalContext("PublisherFunction");

    bed.handler.handleRequest(bed.putEvent(key, broken, "0B"), context);

    assertThat(bed.post("steady")).get().extracting(Post::html).asString().contains("First version.");
    assertThat(bed.report(key).path("status").asText()).isEqualTo("failed");
    assertThat(bed.report(key).path("message").asText()).isNotBlank();
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"event\":\"post.failed\"", key));
  }

  @Test
  void databaseErrorFailsTheInvocationSoLambdaRetries() {
    String key = "posts/retry-me.md";
    String version = bed.upload(key, PublishingTestBed.post("Retry me", "2025-10-01", "", "Body."));
    PublisherHandler handler = new PublisherHandler(bed.service("no-such-table"));
    LocalContext context = new LocalContext("PublisherFunction");

    assertThatThrownBy(() -> handler.handleRequest(bed.putEvent(key, version, "01"), context))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"event\":\"post.error\"", key));
  }

  @Test
  void storageErrorFailsTheInvocationSoLambdaRetries() {
    S3Event event = bed.putEvent("no-such-bucket-here", "posts/elsewhere.md", null, "01");

    assertThatThrownBy(() -> bed.handler.handleRequest(event, new LocalContext("PublisherFunction")))
        .isInstanceOf(S3Exception.class);
    assertThat(bed.source("posts/elsewhere.md")).isEmpty();
  }
}
