package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
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

  private final PublicationRepository repository = repository();

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
}
