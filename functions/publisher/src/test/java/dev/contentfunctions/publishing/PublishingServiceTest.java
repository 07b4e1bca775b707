package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.publishing.PublishReport.Status;
import dev.contentfunctions.publishing.PublishingService.Outcome.Kind;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.tables.posts.InMemoryPublicationRepository;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rules of publishing against the in-memory table and bucket: milliseconds per test. The same
 * paths against moto, with the handler and faults, are in the *IT classes.
 */
class PublishingServiceTest {
  private static final String BUCKET = "content";

  private final InMemoryPostFiles files = new InMemoryPostFiles();
  private final MutableClock clock = new MutableClock(PublishingTestBed.NOW);
  private final InMemoryPublicationRepository table = new InMemoryPublicationRepository(clock);
  private final PublishingService service =
      new PublishingService(files, table, new FrontMatterParser(), new MarkdownRenderer(), clock);

  @AfterEach
  void tableIsConsistent() {
    assertThat(PostsTableInvariants.violations(table.items())).isEmpty();
  }

  private PublishingService.Outcome put(String key, String content, String sequencer) {
    return apply(key, files.upload(key, content.getBytes(StandardCharsets.UTF_8)), sequencer);
  }

  private PublishingService.Outcome apply(String key, String version, String sequencer) {
    clock.tick();
    return service.apply(new ObjectChange(BUCKET, key, version, ObjectChange.normaliseSequencer(sequencer), false));
  }

  private PublishingService.Outcome delete(String key, String sequencer) {
    files.delete(key);
    clock.tick();
    return service.apply(new ObjectChange(BUCKET, key, null, ObjectChange.normaliseSequencer(sequencer), true));
  }

  private Optional<Post> stored(String slug) {
    return Optional.ofNullable(table.item(PostMapper.postKey(slug))).map(item -> PostMapper.fromItems(item, java.util.List.of()));
  }

  private static String titled(String title, String frontMatter) {
    return post(title, "2025-10-01", frontMatter, title + ".");
  }

  @Test
  void olderEventNeverOverwritesNewer() {
    String older = files.upload("posts/a.md", titled("Older", "").getBytes(StandardCharsets.UTF_8));
    assertThat(put("posts/a.md", titled("Newer", ""), "20").kind()).isEqualTo(Kind.PUBLISHED);

    assertThat(apply("posts/a.md", older, "10").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(delete("posts/a.md", "15").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(stored("a")).get().extracting(Post::title).isEqualTo("Newer");
  }

  @Test
  void repeatedEventChangesNothingButWritesItsReportAgain() {
    String version = files.upload("posts/a.md", titled("Once", "").getBytes(StandardCharsets.UTF_8));
    apply("posts/a.md", version, "10");
    var before = table.items();

    assertThat(apply("posts/a.md", version, "10").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(table.items()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(files.report("posts/a.md").status()).isEqualTo(Status.PUBLISHED);
  }

  @Test
  void slugOfAnotherFileWaitsAndIsPublishedWhenTheOwnerIsDeleted() {
    put("posts/old.md", titled("Old", "slug: talk\n"), "10");

    assertThat(put("posts/new.md", titled("New", "slug: talk\n"), "10").kind()).isEqualTo(Kind.WAITING);
    assertThat(files.report("posts/new.md").status()).isEqualTo(Status.WAITING);
    assertThat(stored("talk")).get().extracting(Post::title).isEqualTo("Old");

    PublishingService.Outcome removed = delete("posts/old.md", "20");

    assertThat(removed.kind()).isEqualTo(Kind.REMOVED);
    assertThat(removed.published()).containsExactly("posts/new.md");
    assertThat(stored("talk")).get().extracting(Post::sourceKey).isEqualTo("posts/new.md");
    assertThat(files.report("posts/new.md").status()).isEqualTo(Status.PUBLISHED);
    assertThat(table.claims("talk")).isEmpty();
  }

  @Test
  void theOldestClaimWinsAndTheOthersKeepWaiting() {
    put("posts/owner.md", titled("Owner", "slug: talk\n"), "10");
    put("posts/first.md", titled("First", "slug: talk\n"), "10");
    put("posts/second.md", titled("Second", "slug: talk\n"), "10");

    delete("posts/owner.md", "20");

    assertThat(stored("talk")).get().extracting(Post::title).isEqualTo("First");
    assertThat(table.claims("talk")).singleElement().satisfies(c -> assertThat(c.sourceKey()).isEqualTo("posts/second.md"));
    assertThat(files.report("posts/second.md").status()).isEqualTo(Status.WAITING);
  }

  @Test
  void movingToAnotherSlugHandsTheOldOneToTheFileWaitingForIt() {
    put("posts/owner.md", titled("Owner", "slug: talk\n"), "10");
    put("posts/waiting.md", titled("Waiting", "slug: talk\n"), "10");

    PublishingService.Outcome moved = put("posts/owner.md", titled("Owner", "slug: chat\n"), "20");

    assertThat(moved.published()).containsExactly("posts/waiting.md");
    assertThat(stored("chat")).get().extracting(Post::title).isEqualTo("Owner");
    assertThat(stored("talk")).get().extracting(Post::title).isEqualTo("Waiting");
    assertThat(files.report("posts/waiting.md").status()).isEqualTo(Status.PUBLISHED);
  }

  @Test
  void brokenPostIsReportedAndThePreviousVersionStaysLive() {
    put("posts/steady.md", titled("Steady", ""), "10");

    PublishingService.Outcome broken = put("posts/steady.md", "---\ntitle: [unclosed\n---\nBody.", "20");

    assertThat(broken.kind()).isEqualTo(Kind.FAILED);
    assertThat(files.report("posts/steady.md").status()).isEqualTo(Status.FAILED);
    assertThat(stored("steady")).get().extracting(Post::title).isEqualTo("Steady");
  }

  @Test
  void postTheTableCannotTakeInOneChangeIsReportedAsFailed() {
    String aliases = IntStream.range(0, 60).mapToObj(i -> "alias-" + i).collect(Collectors.joining(", ", "aliases: [", "]\n"));

    PublishingService.Outcome refused = put("posts/many.md", titled("Many", aliases), "10");

    assertThat(refused.kind()).isEqualTo(Kind.FAILED);
    assertThat(files.report("posts/many.md").message()).contains("use fewer tags, aliases or images");
    assertThat(table.items()).isEmpty();
  }

  @Test
  void deletedFileIsUnpublishedAndItsTombstoneExpires() {
    put("posts/gone.md", titled("Gone", "aliases: [was-here]\n"), "10");

    assertThat(delete("posts/gone.md", "20").kind()).isEqualTo(Kind.REMOVED);

    assertThat(stored("gone")).isEmpty();
    assertThat(table.item(PostMapper.aliasKey("was-here"))).isNull();
    Map<String, AttributeValue> tombstone = table.item(PostMapper.sourceKey("posts/gone.md"));
    assertThat(Long.parseLong(tombstone.get(PostMapper.EXPIRES_AT).n()))
        .isGreaterThan(PublishingTestBed.NOW.plus(Duration.ofDays(29)).getEpochSecond());
  }

  /** Moves on by a millisecond per change, so that claims made one after the other are ordered. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void tick() {
      now = now.plusMillis(1);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }
}
