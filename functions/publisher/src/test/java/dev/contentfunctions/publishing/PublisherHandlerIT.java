package dev.contentfunctions.publishing;

import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.testkit.EmfLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
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

    bed.invoke(bed.inThisBucket(sample), context);

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
        .satisfies(line -> assertThat(line).contains("\"message\":\"post.published\"", SEED_SLUG));
    assertThat(EmfLines.labels(context.metricLines()))
        .hasSize(5)
        .startsWith("ColdStart=1.0", "PostsPublished=1.0", "PostsFailed=0.0", "PostsRemoved=0.0")
        .last().asString().startsWith("PublishDuration=");
    assertThat(EmfLines.metrics(context.metricLines()))
        .filteredOn(datum -> datum.name().equals("PublishDuration"))
        .singleElement()
        .satisfies(datum -> assertThat(datum.unit()).isEqualTo("Milliseconds"));
    assertThat(context.metricLines()).singleElement().asString().doesNotContain(SEED_SLUG);
  }

  @ParameterizedTest
  @Event(value = "events/s3-put-image.json", type = S3Event.class)
  void samplePutImageEventGivesTheSeedPostItsPicture(S3Event sample) throws IOException {
    uploadSeedPost();
    bed.invoke(bed.inThisBucket(EventLoader.loadS3Event("events/s3-put-post.json")));
    String key = sample.getRecords().get(0).getS3().getObject().getKey();
    bed.upload(key, SampleImages.jpeg(2000, 1125, java.awt.Color.ORANGE));
    LocalContext context = new LocalContext("PublisherFunction");

    bed.invoke(bed.inThisBucket(sample), context);

    Post post = bed.post(SEED_SLUG).orElseThrow();
    assertThat(post.image().src()).matches("/media/\\w{16}/cover-960\\.jpg");
    assertThat(post.image().alt()).isNotBlank();
    assertThat(bed.report(key).path("status").asText()).isEqualTo("ready");
    assertThat(bed.report(SEED_KEY).path("warnings").isMissingNode()).isTrue();
    assertThat(context.logLines())
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"image.ready\"", key))
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"post.rendered\"", SEED_KEY));
    assertThat(EmfLines.labels(context.metricLines()))
        .containsExactly("ColdStart=1.0", "ImagesProcessed=1.0", "ImagesRefused=0.0");
  }

  @ParameterizedTest
  @Event(value = "events/s3-delete-post.json", type = S3Event.class)
  void sampleDeleteEventUnpublishesThePost(S3Event sample) throws Exception {
    uploadSeedPost();
    S3Event put = EventLoader.loadS3Event("events/s3-put-post.json");
    bed.invoke(bed.inThisBucket(put));
    assertThat(bed.post(SEED_SLUG)).isPresent();

    bed.deleteObject(SEED_KEY);
    LocalContext context = new LocalContext("PublisherFunction");
    bed.invoke(bed.inThisBucket(sample), context);

    assertThat(bed.partition(SEED_SLUG)).isEmpty();
    assertThat(bed.listing(PostMapper.PUBLISHED_LIST, PublishingTestBed.NOW)).isEmpty();
    assertThat(bed.source(SEED_KEY)).hasValueSatisfying(s -> assertThat(s.removed()).isTrue());
    assertThat(bed.report(SEED_KEY).path("status").asText()).isEqualTo("removed");
    assertThat(EmfLines.labels(context.metricLines()))
        .contains("PostsPublished=0.0", "PostsFailed=0.0", "PostsRemoved=1.0");
  }

  @Test
  void aDraftCountsAsPublishedAndAPostWaitingForTheSlugIsCountedWhenTheDeleteFreesIt() {
    String draft = bed.upload("posts/draft.md", PublishingTestBed.post("Draft", "2025-10-01", "draft: true\n", "Soon."));
    String old = bed.upload("posts/old.md", PublishingTestBed.post("Old", "2025-10-01", "slug: talk\n", "Old."));
    String waiting = bed.upload("posts/new.md", PublishingTestBed.post("New", "2025-10-02", "slug: talk\n", "New."));
    LocalContext context = new LocalContext("PublisherFunction");
    bed.invoke(bed.putEvent("posts/draft.md", draft, "10"), context);
    bed.invoke(bed.putEvent("posts/old.md", old, "11"), context);
    bed.invoke(bed.putEvent("posts/new.md", waiting, "12"), context);
    bed.deleteObject("posts/old.md");
    bed.invoke(bed.deleteEvent("posts/old.md", "20"), context);

    List<String> lines = context.metricLines();
    assertThat(lines).hasSize(4);
    assertThat(EmfLines.labels(lines.subList(0, 1))).contains("PostsPublished=1.0", "PostsFailed=0.0");
    assertThat(EmfLines.labels(lines.subList(1, 2))).contains("PostsPublished=1.0");
    assertThat(EmfLines.labels(lines.subList(2, 3)))
        .contains("PostsPublished=0.0", "PostsFailed=0.0", "PostsRemoved=0.0")
        .anyMatch(label -> label.startsWith("PublishDuration="));
    assertThat(EmfLines.labels(lines.subList(3, 4))).contains("PostsPublished=1.0", "PostsRemoved=1.0");
    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("New");
  }

  @Test
  void brokenPostIsReportedNotRetriedAndThePreviousVersionStaysLive() {
    String key = "posts/steady.md";
    String good = bed.upload(key, PublishingTestBed.post("Steady", "2025-10-01", "", "First version."));
    bed.invoke(bed.putEvent(key, good, "0A"));
    String broken = bed.upload(key, "---\ntitle: [unclosed\ndate: 2025-10-02\n---\nSecond version.");
    LocalContext context = new LocalContext("PublisherFunction");

    bed.invoke(bed.putEvent(key, broken, "0B"), context);

    assertThat(bed.post("steady")).get().extracting(Post::html).asString().contains("First version.");
    assertThat(bed.report(key).path("status").asText()).isEqualTo("failed");
    assertThat(bed.report(key).path("message").asText()).isNotBlank();
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"post.failed\"", key));
    assertThat(EmfLines.labels(context.metricLines()))
        .contains("PostsPublished=0.0", "PostsFailed=1.0", "PostsRemoved=0.0");
  }

  @Test
  void databaseErrorFailsTheInvocationSoLambdaRetries() {
    String key = "posts/retry-me.md";
    String version = bed.upload(key, PublishingTestBed.post("Retry me", "2025-10-01", "", "Body."));
    LocalContext context = new LocalContext("PublisherFunction");
    PublishingService service = bed.service("no-such-table");
    PublisherHandler handler =
        new PublisherHandler(service, bed.images(service, "no-such-table"), context.log());

    assertThatThrownBy(() -> StreamInvocation.s3(handler, bed.putEvent(key, version, "01"), context))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"post.error\"", key));
  }

  @Test
  void storageErrorFailsTheInvocationSoLambdaRetries() {
    S3Event event = bed.putEvent("no-such-bucket-here", "posts/elsewhere.md", null, "01");

    assertThatThrownBy(() -> bed.invoke(event))
        .isInstanceOf(S3Exception.class);
    assertThat(bed.source("posts/elsewhere.md")).isEmpty();
  }

  @Test
  void unreadableRecordsAreLoggedAndSkippedWhileTheRestOfTheBatchIsApplied() {
    String key = "posts/survivor.md";
    String version = bed.upload(key, PublishingTestBed.post("Survivor", "2025-10-01", "", "Body."));
    String good =
        new String(StreamInvocation.s3Json(bed.putEvent(key, version, "0A")), StandardCharsets.UTF_8);
    String goodRecord = good.substring(good.indexOf('[') + 1, good.lastIndexOf(']'));
    String event =
        "{\"Records\":["
            + "42,"
            + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{}}},"
            + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
            + "\"object\":{\"key\":\"posts/odd.md\",\"sequencer\":\"not-hex\"}}},"
            + "{\"eventName\":[\"ObjectCreated:Put\"],\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"posts/x.md\"}}},"
            + goodRecord
            + "]}";
    LocalContext context = new LocalContext("PublisherFunction");

    StreamInvocation.invoke(bed.handler(context), event.getBytes(StandardCharsets.UTF_8), context);

    assertThat(bed.post("survivor")).isPresent();
    assertThat(context.logLines()).hasSize(5);
    assertThat(context.logLines().subList(0, 4))
        .allSatisfy(line -> assertThat(line).contains("\"message\":\"post.unreadable\"", "\"reason\":"))
        .satisfiesExactly(
            line -> assertThat(line).contains("\"index\":0"),
            line -> assertThat(line).contains("\"index\":1"),
            line -> assertThat(line).contains("\"index\":2", "\"key\":\"posts/odd.md\"").doesNotContain("not-hex"),
            line -> assertThat(line).contains("\"index\":3"));
    assertThat(context.logLines().get(4)).contains("\"message\":\"post.published\"", key);
  }

  @Test
  void eventThatIsNotAnS3EventIsLoggedAndNotRetried() {
    LocalContext context = new LocalContext("PublisherFunction");

    StreamInvocation.invoke(bed.handler(context), "{\"Records\": \"no\"}".getBytes(StandardCharsets.UTF_8), context);
    StreamInvocation.invoke(bed.handler(context), "not json".getBytes(StandardCharsets.UTF_8), context);

    assertThat(context.logLines())
        .hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("\"message\":\"batch.malformed\""));
  }
}
