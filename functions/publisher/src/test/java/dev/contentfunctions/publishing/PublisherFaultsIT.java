package dev.contentfunctions.publishing;

import dev.contentfunctions.tables.posts.DynamoDbPublicationRepository;
import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.contentfunctions.testkit.FaultyLink;
import dev.contentfunctions.testkit.FaultyLink.Mode;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The publisher when S3 or DynamoDB fails part-way through an invocation: the invocation fails, so
 * that Lambda retries it; the posts table is never half-written; the retries converge on the newest
 * version and the author gets the report. Its clients have the limits they have in Lambda and reach
 * moto through a {@link FaultyLink} each.
 */
class PublisherFaultsIT {
  private final PublishingTestBed bed = new PublishingTestBed();
  private final FaultyLink dynamoDbLink = FaultyLink.to(bed.moto.endpoint());
  private final FaultyLink s3Link = FaultyLink.to(bed.moto.endpoint());
  private final DynamoDbClient dynamoDb = through(DynamoDbClient.builder(), dynamoDbLink).build();
  private final S3Client s3 = through(S3Client.builder(), s3Link).forcePathStyle(true).build();
  private final PublishingService service;

  PublisherFaultsIT() {
    Clock clock = Clock.fixed(PublishingTestBed.NOW, ZoneOffset.UTC);
    service =
        new PublishingService(
            new S3PostFiles(s3),
            new DynamoDbPublicationRepository(dynamoDb, bed.table, clock),
            new FrontMatterParser(),
            new MarkdownRenderer(),
            clock);
  }

  private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B through(
      B builder, FaultyLink link) {
    return AwsClients.withLimits(builder, AwsClients.Timeouts.BACKGROUND)
        .endpointOverride(link.endpoint())
        .region(bed.moto.region())
        .credentialsProvider(bed.moto.credentials());
  }

  @AfterEach
  void closeLinks() {
    dynamoDb.close();
    s3.close();
    dynamoDbLink.close();
    s3Link.close();
  }

  private void invoke(S3Event event) {
    invoke(event, new LocalContext("PublisherFunction"));
  }

  private void invoke(S3Event event, LocalContext context) {
    StreamInvocation.s3(new PublisherHandler(service, bed.images, context.log()), event, context);
  }

  private void assertTableIsConsistent() {
    assertThat(PostsTableInvariants.violations(bed.dynamoDb, bed.table)).isEmpty();
  }

  private void assertReported(String key, String versionId, String status) {
    assertThat(bed.report(key).path("versionId").asText()).isEqualTo(versionId);
    assertThat(bed.report(key).path("status").asText()).isEqualTo(status);
  }

  @Test
  void databaseLostAfterTheFileWasReadFailsTheInvocationAndLeavesTheLiveVersion() {
    String key = "posts/steady.md";
    String v1 =
        bed.upload(
            key, post("Steady", "2025-10-01", "tags: [calm, trust]\naliases: [still]\n", "First."));
    invoke(bed.putEvent(key, v1, "10"));
    String v2 =
        bed.upload(key, post("Steady", "2025-10-01", "slug: steadier\ntags: [trust]\n", "Second."));
    int s3Requests = s3Link.requests();
    LocalContext context = new LocalContext("PublisherFunction");

    // The source record is read, then the file; the transaction meets a stopped database.
    dynamoDbLink.switchAfter(1, Mode.DOWN);
    assertThatThrownBy(() -> invoke(bed.putEvent(key, v2, "20"), context))
        .isInstanceOf(SdkClientException.class);

    assertThat(s3Link.requests() - s3Requests)
        .as("the file was read, no report written")
        .isEqualTo(1);
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"post.error\"", key));
    assertTableIsConsistent();
    assertThat(bed.post("steady")).get().extracting(Post::html).asString().contains("First.");
    assertThat(bed.post("steadier")).isEmpty();
    assertReported(key, v1, "published");

    dynamoDbLink.switchTo(Mode.PASS_THROUGH);
    invoke(bed.putEvent(key, v2, "20")); // Lambda's retry

    assertTableIsConsistent();
    assertThat(bed.post("steadier")).get().extracting(Post::html).asString().contains("Second.");
    assertReported(key, v2, "published");
  }

  @Test
  void reportThatCannotBeWrittenFailsTheInvocationAndTheRetryWritesIt() {
    String key = "posts/unreported.md";
    String version = bed.upload(key, post("Unreported", "2025-10-01", "tags: [calm]\n", "Body."));

    // The file is read and the post stored; S3 stops before the report is written.
    s3Link.switchAfter(1, Mode.DOWN);
    assertThatThrownBy(() -> invoke(bed.putEvent(key, version, "10")))
        .isInstanceOf(SdkClientException.class);
    assertTableIsConsistent();
    assertThat(bed.post("unreported")).isPresent();

    s3Link.switchTo(Mode.PASS_THROUGH);
    invoke(bed.putEvent(key, version, "10")); // Lambda's retry: the post is already stored

    assertTableIsConsistent();
    assertReported(key, version, "published");
  }

  @Test
  void lostAnswerToTheDatabaseWriteFailsTheInvocationAndTheRetryReportsIt() {
    String key = "posts/unanswered.md";
    String version = bed.upload(key, post("Unanswered", "2025-10-01", "tags: [calm]\n", "Body."));

    // The transaction is applied; its answer, and those of the SDK's retries, never arrive.
    dynamoDbLink.switchAfter(1, Mode.LOSE_ANSWERS);
    assertThatThrownBy(() -> invoke(bed.putEvent(key, version, "10")))
        .isInstanceOf(SdkClientException.class);
    assertTableIsConsistent();
    assertThat(bed.post("unanswered")).isPresent();

    dynamoDbLink.switchTo(Mode.PASS_THROUGH);
    invoke(bed.putEvent(key, version, "10"));

    assertTableIsConsistent();
    assertThat(bed.source(key).orElseThrow().revision()).isEqualTo(1);
    assertReported(key, version, "published");
  }

  @Test
  void databaseStoppingPartWayThroughABatchLeavesEveryPostWholeAndReplaysConvergeOnTheNewest() {
    // A clean run first, to learn how many requests a batch makes; halted once to see that the
    // fourth version (A two) really outgrows its item.
    List<S3EventNotificationRecord> clean = uploadVersions("clean");
    int before = dynamoDbLink.requests();
    invoke(new S3Event(clean.subList(0, 4)));
    assertThat(PostMapper.contentChunks(bed.item(PostMapper.postKey("clean-a-new")))).isPositive();
    invoke(new S3Event(clean.subList(4, clean.size())));
    int requests = dynamoDbLink.requests() - before;
    assertTableIsConsistent();
    assertNewest("clean");

    // Then the same kind of batch, with DynamoDB stopping after 1, 4, 7, ... of those requests:
    // after a source record's read, between two events, in the middle of the batch.
    for (int failAfter = 1; failAfter < requests; failAfter += 3) {
      String round = "r" + failAfter;
      List<S3EventNotificationRecord> events = uploadVersions(round);
      dynamoDbLink.switchAfter(failAfter, Mode.DOWN);
      assertThatThrownBy(() -> invoke(new S3Event(events)))
          .as("stopped after %d requests", failAfter)
          .isInstanceOf(SdkClientException.class);
      assertTableIsConsistent();

      dynamoDbLink.switchTo(Mode.PASS_THROUGH);
      Random random = new Random(failAfter);
      for (int replay = 1; replay <= 3; replay++) {
        List<S3EventNotificationRecord> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        invoke(new S3Event(shuffled));
        assertTableIsConsistent();
        assertNewest(round);
      }
    }
  }

  @Test
  void waitingFileIsPublishedAndReportedHoweverTheInvocationFreeingItsSlugFails() {
    // A clean run first, to count the requests of the invocation that frees the slug.
    Round clean = waitingRound("clean");
    int dynamoDbBefore = dynamoDbLink.requests();
    int s3Before = s3Link.requests();
    invoke(clean.delete());
    int dynamoDbRequests = dynamoDbLink.requests() - dynamoDbBefore;
    int s3Requests = s3Link.requests() - s3Before;
    clean.assertHandedOver();

    // Then stopped after each of those requests in turn, and retried as Lambda retries.
    for (int failAfter = 0; failAfter < s3Requests + dynamoDbRequests; failAfter++) {
      boolean s3Fails = failAfter < s3Requests;
      Round round = waitingRound("r" + failAfter);
      FaultyLink link = s3Fails ? s3Link : dynamoDbLink;
      link.switchAfter(s3Fails ? failAfter : failAfter - s3Requests, Mode.DOWN);
      assertThatThrownBy(() -> invoke(round.delete()))
          .as("%s stopped after %d requests", s3Fails ? "S3" : "DynamoDB", failAfter)
          .isInstanceOf(SdkClientException.class);
      assertTableIsConsistent();

      link.switchTo(Mode.PASS_THROUGH);
      invoke(round.delete());
      round.assertHandedOver();
      invoke(round.delete()); // and once more: nothing changes
      round.assertHandedOver();
    }
  }

  /** A post holding a slug and a file waiting for it; deleting the first frees the slug. */
  private record Round(PublisherFaultsIT test, String name, String waitingVersion) {
    S3Event delete() {
      return test.bed.deleteEvent("posts/" + name + "-old.md", "20");
    }

    void assertHandedOver() {
      test.assertTableIsConsistent();
      assertThat(test.bed.post(name)).get().extracting(Post::title).isEqualTo("New");
      test.assertReported("posts/" + name + "-new.md", waitingVersion, "published");
      assertThat(test.bed.report("posts/" + name + "-old.md").path("status").asText())
          .isEqualTo("removed");
    }
  }

  private Round waitingRound(String name) {
    String frontMatter = "slug: " + name + "\n";
    String old = bed.upload("posts/" + name + "-old.md", post("Old", "2025-10-01", frontMatter, "Old."));
    invoke(bed.putEvent("posts/" + name + "-old.md", old, "10"));
    String waiting = bed.upload("posts/" + name + "-new.md", post("New", "2025-10-01", frontMatter, "New."));
    invoke(bed.putEvent("posts/" + name + "-new.md", waiting, "10"));
    assertReported("posts/" + name + "-new.md", waiting, "waiting");
    bed.deleteObject("posts/" + name + "-old.md");
    return new Round(this, name, waiting);
  }

  /**
   * Uploads three files in their versions, each change one event as S3 sends it, in upload order: a
   * post renamed, grown past one item and shrunk again; a post turned draft, then deleted; a post
   * given an alias, then scheduled.
   */
  private List<S3EventNotificationRecord> uploadVersions(String round) {
    String a = "posts/" + round + "-a.md";
    String b = "posts/" + round + "-b.md";
    String c = "posts/" + round + "-c.md";
    String aliasedA = "aliases: [" + round + "-a-old]\n";
    String renamedA = "slug: " + round + "-a-new\n";
    String aliasedC = "aliases: [" + round + "-c-old]\n";
    List<S3EventNotificationRecord> events = new ArrayList<>();
    put(events, a, "A one", "2025-10-01", aliasedA + "tags: [calm, trust]\n", "");
    put(events, b, "B one", "2025-10-02", "tags: [calm]\n", "");
    put(events, c, "C one", "2025-10-03", "", "");
    put(events, a, "A two", "2025-10-01", renamedA + "tags: [trust, hope]\n", large(round));
    put(events, b, "B two", "2025-10-02", "draft: true\n", "");
    put(events, c, "C two", "2025-10-03", aliasedC + "tags: [trust]\n", "");
    put(events, a, "A three", "2025-10-01", renamedA + "tags: [hope]\n", "");
    bed.deleteObject(b);
    events.add(bed.deleteEvent(b, sequencer(events)).getRecords().get(0));
    put(events, c, "C three", "2026-02-01", aliasedC + "tags: [hope, trust]\n", "");
    return events;
  }

  /** Uploads a version whose body ends with its title, and adds the event S3 sends for it. */
  private void put(
      List<S3EventNotificationRecord> events,
      String key,
      String title,
      String date,
      String frontMatter,
      String filler) {
    String version = bed.upload(key, post(title, date, frontMatter, filler + "\n\n" + title + "."));
    events.add(bed.putEvent(key, version, sequencer(events)).getRecords().get(0));
  }

  private static String sequencer(List<S3EventNotificationRecord> earlier) {
    return String.format("%04X", 0x100 + earlier.size());
  }

  /** About 320 KB of words that barely compress: the body no longer fits in the post's item. */
  private static String large(String seed) {
    Random random = new Random(seed.hashCode());
    StringBuilder body = new StringBuilder();
    while (body.length() < 320_000) {
      body.append(Long.toString(random.nextLong(), 36))
          .append(random.nextInt(12) == 0 ? "\n\n" : " ");
    }
    return body.toString();
  }

  private void assertNewest(String round) {
    assertThat(bed.post(round + "-a-new"))
        .get()
        .satisfies(
            post -> {
              assertThat(post.title()).isEqualTo("A three");
              assertThat(post.tags()).containsExactly("hope");
              assertThat(post.html()).contains("A three.");
            });
    assertThat(PostMapper.contentChunks(bed.item(PostMapper.postKey(round + "-a-new")))).isZero();
    assertThat(bed.post(round + "-a")).isEmpty();
    assertThat(bed.post(round + "-b")).isEmpty();
    assertThat(bed.source("posts/" + round + "-b.md"))
        .get()
        .extracting(s -> s.removed())
        .isEqualTo(true);
    assertThat(bed.post(round + "-c"))
        .get()
        .satisfies(
            post -> {
              assertThat(post.title()).isEqualTo("C three");
              assertThat(post.publishedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
              assertThat(post.html()).contains("C three.");
            });
  }
}
