package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the publisher relies on from a {@link PublicationRepository}, whichever stores the table:
 * run against DynamoDB (moto) and against the in-memory one, so that tests of the publisher on the
 * in-memory one say something about DynamoDB.
 */
abstract class PublicationRepositoryContract {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T12:00:00Z"), ZoneOffset.UTC);

  /** A repository on an empty table. */
  abstract PublicationRepository repository();

  /** The stored item under {@code key}, or null. */
  abstract Map<String, AttributeValue> item(Map<String, AttributeValue> key);

  /** The tag and month counts a reader sees at {@code now}, as the read side reads them. */
  abstract TagCounts counts(Instant now);

  private final PublicationRepository repository = repository();

  static Post post(String slug, String sourceKey, String date, boolean draft, String... tags) {
    return new Post(
        slug, "Title of " + slug, "About " + slug, "Excerpt", Instant.parse(date), null, List.of(tags), null, draft,
        null, List.of(), Map.of(), "<p>Body of " + slug + "</p>", List.of(), 3, 1, "hash-" + slug, sourceKey, List.of());
  }

  private SourceFile publish(Post post, String sequencer) {
    return repository.publish(post, version(post.sourceKey(), sequencer), repository.findSource(post.sourceKey()), null);
  }

  private Map<String, Integer> tagsAt(String now) {
    return counts(Instant.parse(now)).tags();
  }

  static Post post(String slug, String sourceKey, List<String> tags, List<String> aliases) {
    return new Post(
        slug, "Title of " + slug, "About " + slug, "Excerpt", Instant.parse("2025-10-01T00:00:00Z"), null,
        tags, null, false, null, aliases, Map.of(), "<p>Body of " + slug + "</p>", List.of(), 3, 1,
        "hash-" + slug, sourceKey, List.of());
  }

  static SourceVersion version(String key, String sequencer) {
    return new SourceVersion(key, "v-" + sequencer, sequencer);
  }

  private SourceFile publish(String key, String sequencer, String slug, List<String> aliases) {
    return repository.publish(
        post(slug, key, List.of("calm"), aliases), version(key, sequencer), repository.findSource(key), null);
  }

  @Test
  void aNoticeIsMarkedOnceForItsKeyAndFingerprintWithItsExpiry() {
    Instant expires = Instant.parse("2026-01-22T12:00:00Z");

    assertThat(repository.markNotice("posts/a.md", "f1", expires)).isTrue();
    assertThat(repository.markNotice("posts/a.md", "f1", expires)).as("the same notice again").isFalse();
    assertThat(repository.markNotice("posts/a.md", "f2", expires)).as("another notice of the file").isTrue();
    assertThat(repository.markNotice("posts/b.md", "f1", expires)).as("another file").isTrue();
    assertThat(item(PostMapper.noticeKey("posts/a.md", "f1")).get(PostMapper.EXPIRES_AT).n())
        .isEqualTo(Long.toString(expires.getEpochSecond()));
  }

  @Test
  void publishedPostIsStoredWithItsTagsRedirectsAndSourceRecord() {
    SourceFile source = publish("posts/a.md", "10", "a", List.of("old-a"));

    assertThat(repository.findSource("posts/a.md")).contains(source);
    assertThat(source.revision()).isEqualTo(1);
    assertThat(source.sequencer()).isEqualTo("10");
    assertThat(PostMapper.fromItems(item(PostMapper.postKey("a")), List.of()).html()).isEqualTo("<p>Body of a</p>");
    assertThat(item(PostMapper.tagKey("a", "calm"))).isNotNull();
    assertThat(PostMapper.aliasTarget(item(PostMapper.aliasKey("old-a")))).isEqualTo("a");
  }

  @Test
  void olderEventNeverOverwritesNewer() {
    String key = "posts/a.md";
    Optional<SourceFile> readByTheOlderEvent = repository.findSource(key);
    publish(key, "20", "a", List.of());

    // The older event read the record before the newer one was applied: its write loses.
    assertThatThrownBy(
            () -> repository.publish(post("a-old", key, List.of(), List.of()), version(key, "10"), readByTheOlderEvent, null))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThatThrownBy(() -> repository.remove(version(key, "10"), readByTheOlderEvent))
        .isInstanceOf(ConcurrentChangeException.class);

    assertThat(repository.findSource(key)).get().extracting(SourceFile::sequencer).isEqualTo("20");
    assertThat(item(PostMapper.postKey("a"))).isNotNull();
    assertThat(item(PostMapper.postKey("a-old"))).isNull();
  }

  @Test
  void slugHeldByAnotherFileIsRefusedAndNothingOfTheRefusedFileIsStored() {
    publish("posts/owner.md", "10", "shared", List.of());

    assertThatThrownBy(() -> publish("posts/other.md", "11", "shared", List.of("other-alias")))
        .isInstanceOfSatisfying(NameTakenException.class, e -> assertThat(e.name()).isEqualTo("shared"));

    assertThat(repository.findSource("posts/other.md")).isEmpty();
    assertThat(item(PostMapper.aliasKey("other-alias"))).isNull();
    assertThat(PostMapper.sourceKeyOf(item(PostMapper.postKey("shared")))).isEqualTo("posts/owner.md");
  }

  @Test
  void aliasThatIsAnotherFilesSlugOrAliasIsRefused() {
    publish("posts/owner.md", "10", "owner", List.of("owned-alias"));

    assertThatThrownBy(() -> publish("posts/b.md", "11", "b", List.of("owner")))
        .isInstanceOfSatisfying(NameTakenException.class, e -> assertThat(e.name()).isEqualTo("owner"));
    assertThatThrownBy(() -> publish("posts/c.md", "12", "c", List.of("owned-alias")))
        .isInstanceOfSatisfying(NameTakenException.class, e -> assertThat(e.name()).isEqualTo("owned-alias"));
    assertThat(item(PostMapper.postKey("b"))).isNull();
    assertThat(item(PostMapper.postKey("c"))).isNull();
  }

  @Test
  void changedSlugRedirectsFromTheOldOneAndFreesIt() {
    publish("posts/a.md", "10", "first", List.of());

    SourceFile moved = publish("posts/a.md", "20", "second", List.of());

    assertThat(moved.formerSlugs()).containsExactly("first");
    assertThat(moved.released()).containsExactly("first");
    assertThat(item(PostMapper.postKey("first"))).isNull();
    assertThat(item(PostMapper.tagKey("first", "calm"))).isNull();
    assertThat(PostMapper.aliasTarget(item(PostMapper.aliasKey("first")))).isEqualTo("second");
  }

  @Test
  void waitingFileIsQueuedForTheNameWhileItIsHeld() {
    publish("posts/owner.md", "10", "shared", List.of());
    NameTakenException taken = refused("posts/first.md", "11");
    repository.waitFor(taken, version("posts/first.md", "11"), Optional.empty());
    repository.waitFor(refused("posts/second.md", "12"), version("posts/second.md", "12"), Optional.empty());

    assertThat(repository.claims("shared"))
        .extracting(SlugClaim::sourceKey, SlugClaim::versionId, SlugClaim::sequencer)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("posts/first.md", "v-11", "11"),
            org.assertj.core.groups.Tuple.tuple("posts/second.md", "v-12", "12"));
    assertThat(repository.findSource("posts/first.md"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.waitingFor()).isEqualTo("shared");
              assertThat(s.removed()).isTrue();
              assertThat(s.sequencer()).isEqualTo("11");
            });
  }

  @Test
  void waitingForANameFreedMeanwhileIsARaceSoThePublishIsTriedAgain() {
    publish("posts/owner.md", "10", "shared", List.of());
    NameTakenException taken = refused("posts/late.md", "11");
    repository.remove(version("posts/owner.md", "20"), repository.findSource("posts/owner.md"));

    assertThatThrownBy(() -> repository.waitFor(taken, version("posts/late.md", "11"), Optional.empty()))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThat(repository.claims("shared")).isEmpty();
    assertThat(repository.findSource("posts/late.md")).isEmpty();
  }

  @Test
  void removalFreesTheNamesAndTheWaitingFileTakesThemThroughItsClaim() {
    publish("posts/owner.md", "10", "shared", List.of("also"));
    repository.waitFor(refused("posts/waiting.md", "11"), version("posts/waiting.md", "11"), Optional.empty());

    SourceFile tombstone = repository.remove(version("posts/owner.md", "20"), repository.findSource("posts/owner.md"));

    assertThat(tombstone.removed()).isTrue();
    assertThat(tombstone.released()).containsExactlyInAnyOrder("shared", "also");
    assertThat(item(PostMapper.postKey("shared"))).isNull();
    assertThat(item(PostMapper.aliasKey("also"))).isNull();
    SlugClaim claim = repository.claims("shared").get(0);
    SourceFile published =
        repository.publish(
            post("shared", "posts/waiting.md", List.of(), List.of()),
            version("posts/waiting.md", "11"),
            repository.findSource("posts/waiting.md"),
            claim);
    assertThat(published.waitingFor()).isNull();
    assertThat(repository.claims("shared")).as("kept until the report is written").hasSize(1);
    repository.dropClaim(claim);
    assertThat(repository.claims("shared")).isEmpty();
    assertThat(PostMapper.sourceKeyOf(item(PostMapper.postKey("shared")))).isEqualTo("posts/waiting.md");
  }

  @Test
  void aClaimOfAnOlderVersionIsNotDroppedOverANewerClaim() {
    publish("posts/owner.md", "10", "shared", List.of());
    repository.waitFor(refused("posts/w.md", "11"), version("posts/w.md", "11"), Optional.empty());
    SlugClaim older = repository.claims("shared").get(0);
    repository.waitFor(refused("posts/w.md", "12"), version("posts/w.md", "12"), repository.findSource("posts/w.md"));

    repository.dropClaim(older);

    assertThat(repository.claims("shared")).singleElement().extracting(SlugClaim::sequencer).isEqualTo("12");
  }

  @Test
  void aNewChangeOfAWaitingFileEndsItsClaim() {
    publish("posts/owner.md", "10", "shared", List.of());
    repository.waitFor(refused("posts/w.md", "11"), version("posts/w.md", "11"), Optional.empty());

    publish("posts/w.md", "12", "elsewhere", List.of());

    assertThat(repository.claims("shared")).isEmpty();
  }

  @Test
  void postNeedingMoreEntriesThanOneTransactionTakesIsRefusedBeforeAnyWrite() {
    List<String> aliases = IntStream.range(0, 60).mapToObj(i -> "alias-" + i).toList();

    assertThatThrownBy(() -> publish("posts/big.md", "10", "big", aliases))
        .isInstanceOf(PublicationRefusedException.class)
        .isNotInstanceOf(NameTakenException.class)
        .hasMessageContaining("fewer tags, aliases or images");
    assertThat(repository.findSource("posts/big.md")).isEmpty();
  }

  // ------------------------------------------------------------------ images

  private static ImageFile ready(String key, String sequencer, long revision) {
    return new ImageFile(
        key, ImageFile.State.READY, 1600, 1067,
        List.of(new ImageVariant("/media/" + sequencer + "/cover-480.jpg", 480, 320)),
        new ImageVariant("/media/" + sequencer + "/cover-og.jpg", 1200, 630), null, sequencer, revision);
  }

  private static Post usingImages(String slug, String key, ImageUse... uses) {
    Post plain = post(slug, key, List.of("calm"), List.of());
    return new Post(
        plain.slug(), plain.title(), plain.description(), plain.excerpt(), plain.publishedAt(), plain.updatedAt(),
        plain.tags(), plain.author(), plain.draft(), plain.image(), plain.aliases(), plain.extra(), plain.html(),
        plain.toc(), plain.wordCount(), plain.readingMinutes(), plain.contentHash(), plain.sourceKey(), List.of(uses));
  }

  @Test
  void imageRecordsAreSavedUnderOptimisticLockingAndReadBackByKey() {
    ImageFile first = ready("posts/a/cover.jpg", "10", 1);
    repository.saveImage(first, Optional.empty(), null);
    ImageFile second = ready("posts/a/cover.jpg", "11", 2);
    repository.saveImage(second, Optional.of(first), null);

    assertThat(repository.findImage("posts/a/cover.jpg")).contains(second);
    assertThat(repository.findImages(List.of("posts/a/cover.jpg", "media/none.png")))
        .containsOnlyKeys("posts/a/cover.jpg");
    assertThatThrownBy(() -> repository.saveImage(ready("posts/a/cover.jpg", "12", 2), Optional.of(first), null))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThatThrownBy(() -> repository.saveImage(ready("posts/a/cover.jpg", "12", 1), Optional.empty(), null))
        .isInstanceOf(ConcurrentChangeException.class);
  }

  @Test
  void aPublishedPostIsReferencedByTheImagesItUsesAndNoLongerByThoseItDropped() {
    ImageFile logo = ready("media/logo.png", "05", 1);
    repository.saveImage(logo, Optional.empty(), null);
    repository.publish(
        usingImages("a", "posts/a.md", new ImageUse("media/logo.png", 1), new ImageUse("posts/a/cover.jpg", 0)),
        version("posts/a.md", "10"), Optional.empty(), null);

    assertThat(repository.imageReferences("media/logo.png"))
        .containsExactly(new ImageReference("media/logo.png", "posts/a.md", "v-10", "10"));
    assertThat(repository.imageReferences("posts/a/cover.jpg")).hasSize(1);
    assertThat(repository.findSource("posts/a.md").orElseThrow().images())
        .containsExactly("media/logo.png", "posts/a/cover.jpg");

    repository.publish(
        usingImages("a", "posts/a.md", new ImageUse("media/logo.png", 1)),
        version("posts/a.md", "11"), repository.findSource("posts/a.md"), null);

    assertThat(repository.imageReferences("media/logo.png")).extracting(ImageReference::sequencer).containsExactly("11");
    assertThat(repository.imageReferences("posts/a/cover.jpg")).isEmpty();
  }

  @Test
  void aPostRenderedWithAnImageRecordThatChangedSinceIsALostRace() {
    ImageFile logo = ready("media/logo.png", "05", 1);
    repository.saveImage(logo, Optional.empty(), null);
    repository.saveImage(ready("media/logo.png", "06", 2), Optional.of(logo), null);

    assertThatThrownBy(
            () -> repository.publish(
                usingImages("a", "posts/a.md", new ImageUse("media/logo.png", 1)),
                version("posts/a.md", "10"), Optional.empty(), null))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThatThrownBy(
            () -> repository.publish(
                usingImages("a", "posts/a.md", new ImageUse("media/logo.png", 0)),
                version("posts/a.md", "10"), Optional.empty(), null))
        .as("rendered as missing, but the image has arrived")
        .isInstanceOf(ConcurrentChangeException.class);
    assertThat(repository.findSource("posts/a.md")).isEmpty();
    assertThat(repository.imageReferences("media/logo.png")).isEmpty();
  }

  @Test
  void aRemovedPostNoLongerReferencesItsImagesButAnotherPostStillDoes() {
    repository.publish(
        usingImages("a", "posts/a.md", new ImageUse("media/logo.png", 0)), version("posts/a.md", "10"),
        Optional.empty(), null);
    repository.publish(
        usingImages("b", "posts/b.md", new ImageUse("media/logo.png", 0)), version("posts/b.md", "10"),
        Optional.empty(), null);

    repository.remove(version("posts/a.md", "11"), repository.findSource("posts/a.md"));

    assertThat(repository.imageReferences("media/logo.png"))
        .extracting(ImageReference::sourceKey)
        .containsExactly("posts/b.md");
  }

  private NameTakenException refused(String key, String sequencer) {
    try {
      publish(key, sequencer, "shared", List.of());
    } catch (NameTakenException e) {
      return e;
    }
    throw new AssertionError(key + " was not refused");
  }

  // ------------------------------------------------------------------ counts

  private static final String NOW = "2026-01-15T12:00:00Z";

  @Test
  void countsFollowEveryPublishEditRenameAndRemoval() {
    publish(post("a", "posts/a.md", "2025-10-01T00:00:00Z", false, "calm", "trust"), "10");
    publish(post("b", "posts/b.md", "2025-11-01T00:00:00Z", false, "calm"), "10");
    assertThat(tagsAt(NOW)).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 2, "trust", 1));

    publish(post("a", "posts/a.md", "2025-11-02T00:00:00Z", false, "trust", "focus"), "20");
    assertThat(tagsAt(NOW)).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 1, "trust", 1, "focus", 1));
    assertThat(counts(Instant.parse(NOW)).months()).containsExactlyInAnyOrderEntriesOf(Map.of(YearMonth.of(2025, 11), 2));

    publish(post("a-renamed", "posts/a.md", "2025-11-02T00:00:00Z", false, "trust", "focus"), "30");
    assertThat(tagsAt(NOW)).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 1, "trust", 1, "focus", 1));

    repository.remove(version("posts/b.md", "20"), repository.findSource("posts/b.md"));
    assertThat(tagsAt(NOW)).containsExactlyInAnyOrderEntriesOf(Map.of("trust", 1, "focus", 1));
    repository.remove(version("posts/a.md", "40"), repository.findSource("posts/a.md"));
    assertThat(counts(Instant.parse(NOW))).isEqualTo(new TagCounts(Map.of(), Map.of()));
  }

  @Test
  void aDraftCountsOnlyWhilePublic() {
    publish(post("a", "posts/a.md", "2025-10-01T00:00:00Z", true, "calm"), "10");
    assertThat(tagsAt(NOW)).isEmpty();
    publish(post("a", "posts/a.md", "2025-10-01T00:00:00Z", false, "calm"), "20");
    assertThat(tagsAt(NOW)).containsExactly(Map.entry("calm", 1));
    publish(post("a", "posts/a.md", "2025-10-01T00:00:00Z", true, "calm"), "30");
    assertThat(tagsAt(NOW)).isEmpty();
  }

  @Test
  void aScheduledPostCountsFromItsDateOnWithNoWriteAtThatDate() {
    publish(post("later", "posts/later.md", "2026-02-01T00:00:00Z", false, "calm"), "10");
    assertThat(tagsAt(NOW)).isEmpty();
    assertThat(tagsAt("2026-01-31T23:59:59.999Z")).isEmpty();
    assertThat(tagsAt("2026-02-01T00:00:00Z")).containsExactly(Map.entry("calm", 1));
    assertThat(counts(Instant.parse("2026-02-01T00:00:00Z")).months()).containsExactly(Map.entry(YearMonth.of(2026, 2), 1));

    // Put off: it counts from its new date only.
    publish(post("later", "posts/later.md", "2026-03-01T00:00:00Z", false, "calm", "trust"), "20");
    assertThat(tagsAt("2026-02-15T00:00:00Z")).isEmpty();
    assertThat(tagsAt("2026-03-01T00:00:00Z")).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 1, "trust", 1));

    // Brought forward to a date already past: it counts at once, and its entry as not due is gone.
    publish(post("later", "posts/later.md", "2026-01-01T00:00:00Z", false, "trust"), "30");
    assertThat(tagsAt(NOW)).containsExactly(Map.entry("trust", 1));
    assertThat(item(PostMapper.dueKey(PostMapper.dueSortKey(Instant.parse("2026-03-01T00:00:00Z"), "later")))).isNull();
  }

  @Test
  void aScheduledPostRemovedBeforeItsDateNeverCounts() {
    publish(post("later", "posts/later.md", "2026-02-01T00:00:00Z", false, "calm"), "10");
    repository.remove(version("posts/later.md", "20"), repository.findSource("posts/later.md"));

    assertThat(tagsAt("2026-02-02T00:00:00Z")).isEmpty();
    assertThat(counts(Instant.parse("2026-02-02T00:00:00Z")).months()).isEmpty();
  }

  @Test
  void aStaleEventChangesNoCount() {
    Optional<SourceFile> readByTheOlderEvent = repository.findSource("posts/a.md");
    publish(post("a", "posts/a.md", "2025-10-01T00:00:00Z", false, "calm"), "20");

    assertThatThrownBy(
            () -> repository.publish(
                post("a", "posts/a.md", "2025-10-01T00:00:00Z", false, "trust"), version("posts/a.md", "10"), readByTheOlderEvent, null))
        .isInstanceOf(ConcurrentChangeException.class);
    assertThat(tagsAt(NOW)).containsExactly(Map.entry("calm", 1));
  }

  @Test
  void countsStayExactUnderConcurrentPublishesOfManyFiles() throws Exception {
    int files = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < files; i++) {
        String key = "posts/p" + i + ".md";
        Post first = post("p" + i, key, "2025-10-01T00:00:00Z", false, "calm", "tag-" + (i % 3));
        Post second = post("p" + i, key, "2025-12-01T00:00:00Z", false, "calm", "trust");
        done.add(pool.submit(() -> {
          retried(() -> publish(first, "10"));
          retried(() -> publish(second, "20"));
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(tagsAt(NOW)).containsExactlyInAnyOrderEntriesOf(Map.of("calm", files, "trust", files));
    assertThat(counts(Instant.parse(NOW)).months()).containsExactly(Map.entry(YearMonth.of(2025, 12), files));
  }

  /** As the publisher does: a write that lost a race (another transaction on a shard) is tried again. */
  private static void retried(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (ConcurrentChangeException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }
}
