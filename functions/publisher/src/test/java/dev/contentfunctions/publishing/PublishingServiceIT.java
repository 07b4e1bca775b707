package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.NOW;
import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.publishing.PublishingService.Outcome.Kind;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/** Ordering, duplicates, renames, drafts, scheduling and size: what the posts table ends up holding. */
class PublishingServiceIT {
  private final PublishingTestBed bed = new PublishingTestBed();

  @Test
  void olderEventNeverOverwritesNewer() {
    String key = "posts/ordering.md";
    String v1 = bed.upload(key, post("Version one", "2025-10-01", "", "One."));
    String v2 = bed.upload(key, post("Version two", "2025-10-01", "", "Two."));

    assertThat(bed.applyPut(key, v2, "0000000000000000B2").kind()).isEqualTo(Kind.PUBLISHED);
    assertThat(bed.applyPut(key, v1, "0000000000000000A1").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(bed.post("ordering")).get().extracting(Post::title).isEqualTo("Version two");
  }

  @Test
  void sequencersOfDifferentLengthsCompareAsS3Says() {
    String key = "posts/lengths.md";
    String v1 = bed.upload(key, post("Shorter sequencer", "2025-10-01", "", "One."));
    String v2 = bed.upload(key, post("Longer sequencer", "2025-10-01", "", "Two."));

    bed.applyPut(key, v2, "0069A1");
    // Right-padded, "00699F00" < "0069A100": older, although it is longer.
    assertThat(bed.applyPut(key, v1, "00699F00").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(bed.post("lengths")).get().extracting(Post::title).isEqualTo("Longer sequencer");
  }

  @RepeatedTest(5)
  void concurrentOutOfOrderEventsForOneFileLeaveTheNewestVersion(RepetitionInfo repetition)
      throws Exception {
    String key = "posts/race-" + repetition.getCurrentRepetition() + ".md";
    List<ObjectChange> changes = new ArrayList<>();
    for (int v = 1; v <= 8; v++) {
      String version = bed.upload(key, post("Version " + v, "2025-10-01", "", "Body " + v + "."));
      changes.add(
          new ObjectChange(bed.bucket, key, version, ObjectChange.normaliseSequencer("0A" + v), false));
    }
    Collections.shuffle(changes, new Random(repetition.getCurrentRepetition()));
    ExecutorService pool = Executors.newFixedThreadPool(changes.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<PublishingService.Outcome>> outcomes = new ArrayList<>();
      for (ObjectChange change : changes) {
        outcomes.add(
            pool.submit(
                () -> {
                  start.await();
                  return bed.service.apply(change);
                }));
      }
      start.countDown();
      for (Future<PublishingService.Outcome> outcome : outcomes) {
        assertThat(outcome.get(60, TimeUnit.SECONDS).kind()).isIn(Kind.PUBLISHED, Kind.SKIPPED);
      }
    } finally {
      pool.shutdownNow();
    }

    String slug = "race-" + repetition.getCurrentRepetition();
    assertThat(bed.post(slug)).get().extracting(Post::title).isEqualTo("Version 8");
    assertThat(bed.source(key).orElseThrow().sequencer()).isEqualTo(ObjectChange.normaliseSequencer("0A8"));
  }

  @Test
  void repeatedEventChangesNothing() {
    String key = "posts/twice.md";
    String version = bed.upload(key, post("Twice", "2025-10-01", "", "Body."));

    assertThat(bed.applyPut(key, version, "10").kind()).isEqualTo(Kind.PUBLISHED);
    assertThat(bed.applyPut(key, version, "10").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(bed.source(key)).get().extracting(s -> s.revision()).isEqualTo(1L);
  }

  @Test
  void putOlderThanADeleteDoesNotReviveThePost() {
    String key = "posts/gone.md";
    String version = bed.upload(key, post("Gone", "2025-10-01", "", "Body."));
    bed.applyPut(key, version, "10");

    assertThat(bed.applyDelete(key, "30").kind()).isEqualTo(Kind.REMOVED);
    assertThat(bed.applyPut(key, version, "20").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(bed.post("gone")).isEmpty();
    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, NOW)).doesNotContain("gone");
  }

  @Test
  void deleteOlderThanThePublishedVersionIsIgnored() {
    String key = "posts/kept.md";
    bed.publish(key, post("Kept", "2025-10-01", "", "Body."), "20");

    assertThat(bed.applyDelete(key, "10").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(bed.post("kept")).isPresent();
  }

  @Test
  void changedSlugLeavesARedirectAndNothingElseBehind() {
    String key = "posts/renamed.md";
    bed.publish(key, post("Renamed", "2025-10-01", "tags: [calm, trust]\n", "Body."), "10");
    bed.publish(key, post("Renamed", "2025-10-01", "slug: new-name\ntags: [calm]\n", "Body."), "20");

    assertThat(bed.post("renamed")).isEmpty();
    assertThat(bed.partition("renamed"))
        .singleElement()
        .satisfies(item -> assertThat(PostMapper.aliasTarget(item)).isEqualTo("new-name"));
    assertThat(bed.post("new-name")).get().extracting(Post::tags).asList().containsExactly("calm");
    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, NOW)).containsExactly("new-name");
    assertThat(bed.listedSlugs(PostMapper.tagList("trust"), NOW)).isEmpty();
    assertThat(bed.listedSlugs(PostMapper.tagList("calm"), NOW)).containsExactly("new-name");
  }

  @Test
  void frontMatterAliasesRedirectAndAreRemovedWithThePost() {
    String key = "posts/with-alias.md";
    bed.publish(key, post("With alias", "2025-10-01", "aliases: [old-link]\n", "Body."), "10");
    assertThat(bed.item(PostMapper.aliasKey("old-link"))).extractingByKey("target")
        .satisfies(v -> assertThat(v.s()).isEqualTo("with-alias"));

    bed.applyDelete(key, "20");

    assertThat(bed.item(PostMapper.aliasKey("old-link"))).isNull();
  }

  @Test
  void slugOfAnotherFilesPostIsRefusedAndReported() {
    bed.publish("posts/first.md", post("First", "2025-10-01", "slug: shared-slug\n", "First."), "10");

    var outcome =
        bed.publish("posts/second.md", post("Second", "2025-10-02", "slug: shared-slug\n", "Second."), "10");

    assertThat(outcome.kind()).isEqualTo(Kind.WAITING);
    assertThat(outcome.reason()).contains("shared-slug");
    assertThat(bed.post("shared-slug")).get().extracting(Post::title).isEqualTo("First");
    assertThat(bed.report("posts/second.md").path("status").asText()).isEqualTo("waiting");
  }

  @Test
  void draftIsStoredButNeverListed() {
    bed.publish("posts/draft.md", post("Draft", "2025-10-01", "draft: true\ntags: [calm]\n", "Body."), "10");

    assertThat(bed.post("draft")).get().extracting(Post::draft).isEqualTo(true);
    assertThat(bed.listing(PostMapper.PUBLISHED_LIST, NOW)).isEmpty();
    assertThat(bed.listing(PostMapper.tagList("calm"), NOW)).isEmpty();
  }

  @Test
  void scheduledPostIsListedFromItsDateWithoutAnyJob() {
    bed.publish("posts/later.md", post("Later", "2026-02-01T09:00:00+01:00", "", "Body."), "10");
    bed.publish("posts/earlier.md", post("Earlier", "2025-12-01", "", "Body."), "10");

    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, NOW)).containsExactly("earlier");
    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, Instant.parse("2026-02-01T08:00:00Z")))
        .containsExactly("later", "earlier");
    assertThat(bed.report("posts/later.md").path("message").asText()).contains("Scheduled");
  }

  @Test
  void reportOfADraftSaysDraft() {
    bed.publish("posts/unready.md", post("Unready", "2025-10-01", "draft: true\n", "Body."), "10");

    var report = bed.report("posts/unready.md");
    assertThat(report.path("status").asText()).isEqualTo("draft");
    assertThat(report.path("slug").asText()).isEqualTo("unready");
    assertThat(report.path("message").asText()).contains("draft: true");
  }

  @Test
  void reportOfAScheduledPostSaysScheduledWithItsDate() {
    bed.publish("posts/soon.md", post("Soon", "2026-02-01T09:00:00+01:00", "", "Body."), "10");

    var report = bed.report("posts/soon.md");
    assertThat(report.path("status").asText()).isEqualTo("scheduled");
    assertThat(report.path("scheduledFor").asText()).isEqualTo("2026-02-01T08:00:00Z");
    assertThat(report.path("message").asText()).contains("2026-02-01T08:00:00Z");
  }

  @Test
  void reportOfAPostDueNowSaysPublished() {
    bed.publish("posts/due.md", post("Due", "2026-01-15T12:00:00Z", "", "Body."), "10");

    assertThat(bed.report("posts/due.md").path("status").asText()).isEqualTo("published");
    assertThat(bed.report("posts/due.md").has("scheduledFor")).isFalse();
  }

  @Test
  void listingIndexCarriesSummariesButNeverTheBody() {
    bed.publish("posts/summary.md", post("Summary", "2025-10-01", "tags: [calm]\n", "Body."), "10");

    assertThat(bed.listing(PostMapper.PUBLISHED_LIST, NOW))
        .singleElement()
        .satisfies(
            item ->
                assertThat(item)
                    .containsKeys("slug", "title", "description", "publishedAt", "tags")
                    .doesNotContainKeys("content", "excerpt", "extra"));
  }

  @Test
  void oneMegabytePostIsStoredWholeAcrossItems() {
    StringBuilder body = new StringBuilder();
    Random random = new Random(42);
    int paragraph = 0;
    while (body.length() < 1_000_000) {
      body.append("Paragraph ").append(paragraph++).append(':');
      for (int w = 0; w < 80; w++) {
        body.append(' ');
        for (int c = 0, n = 3 + random.nextInt(8); c < n; c++) {
          body.append((char) ('a' + random.nextInt(26)));
        }
      }
      body.append("\n\n");
    }
    String last = "Paragraph " + (paragraph - 1) + ":";

    var outcome = bed.publish("posts/big.md", post("Big", "2025-10-01", "", body.toString()), "10");

    assertThat(outcome.kind()).isEqualTo(Kind.PUBLISHED);
    assertThat(PostMapper.contentChunks(bed.item(PostMapper.postKey("big")))).isGreaterThan(1);
    assertThat(bed.post("big")).get().extracting(Post::html).asString().contains(last);
    assertThat(bed.post("big").orElseThrow().wordCount()).isGreaterThan(100_000);
  }

  @Test
  void shrinkingAPostRemovesItsNowUnusedBodyParts() {
    String key = "posts/shrinks.md";
    StringBuilder big = new StringBuilder();
    Random random = new Random(7);
    while (big.length() < 900_000) {
      big.append(Long.toString(random.nextLong(), 36)).append(random.nextInt(10) == 0 ? "\n\n" : " ");
    }
    bed.publish(key, post("Shrinks", "2025-10-01", "", big.toString()), "10");
    assertThat(bed.partition("shrinks")).hasSizeGreaterThan(2);

    bed.publish(key, post("Shrinks", "2025-10-01", "", "Now short."), "20");

    assertThat(bed.partition("shrinks")).hasSize(1);
    assertThat(bed.post("shrinks")).get().extracting(Post::html).asString().contains("Now short.");
  }

  @Test
  void oversizeFileIsRefusedWithAReport() {
    String huge = post("Huge", "2025-10-01", "", "x".repeat((int) PublishingService.MAX_SOURCE_BYTES));

    var outcome = bed.publish("posts/huge.md", huge, "10");

    assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
    assertThat(outcome.reason()).contains("at most");
    assertThat(bed.post("huge")).isEmpty();
  }

  @Test
  void eventForAVersionThatNoLongerExistsIsSkipped() {
    String key = "posts/vanished.md";
    String version = bed.upload(key, post("Vanished", "2025-10-01", "", "Body."));
    bed.moto.s3().deleteObject(r -> r.bucket(bed.bucket).key(key).versionId(version));

    assertThat(bed.applyPut(key, version, "10").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(bed.post("vanished")).isEmpty();
  }
}
