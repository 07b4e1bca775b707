package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.publishing.PublishingService.Outcome;
import dev.contentfunctions.publishing.PublishingService.Outcome.Kind;
import dev.contentfunctions.tables.posts.Post;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * A file refused because another file's post holds its slug waits for it: when the slug is freed
 * (the other file deleted, or moved to another slug), the oldest waiting file is published and its
 * report says so. Renaming a post by uploading a new file, then deleting the old one, just works.
 */
class WaitingForASlugIT {
  private final PublishingTestBed bed = new PublishingTestBed();

  @AfterEach
  void tableIsConsistent() {
    assertThat(PostsTableInvariants.violations(bed.dynamoDb, bed.table)).isEmpty();
  }

  private static String titled(String title, String frontMatter) {
    return post(title, "2025-10-01", frontMatter, title + ".");
  }

  @Test
  void fileRefusedForItsSlugIsPublishedWhenTheOwnerIsDeleted() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    String waiting = bed.upload("posts/new.md", titled("New", "slug: talk\n"));

    Outcome refused = bed.applyPut("posts/new.md", waiting, "10");

    assertThat(refused.kind()).isEqualTo(Kind.WAITING);
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("waiting");
    assertThat(bed.report("posts/new.md").path("message").asText())
        .contains("'talk'", "published as soon as");
    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("Old");

    bed.deleteObject("posts/old.md");
    assertThat(bed.applyDelete("posts/old.md", "20").kind()).isEqualTo(Kind.REMOVED);

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("New");
    assertThat(bed.post("talk").orElseThrow().sourceKey()).isEqualTo("posts/new.md");
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("published");
    assertThat(bed.report("posts/new.md").path("versionId").asText()).isEqualTo(waiting);
    assertThat(bed.report("posts/new.md").path("slug").asText()).isEqualTo("talk");
    assertThat(bed.report("posts/old.md").path("status").asText()).isEqualTo("removed");
  }

  @Test
  void fileRefusedForItsSlugIsPublishedWhenTheOwnerMovesToAnotherSlug() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    bed.publish("posts/new.md", titled("New", "slug: talk\n"), "10");

    bed.publish("posts/old.md", titled("Old", "slug: old-talk\n"), "20");

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("New");
    assertThat(bed.post("old-talk")).get().extracting(Post::title).isEqualTo("Old");
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("published");
  }

  @Test
  void draftAndScheduledClaimantsAreReportedAsSuchWhenPublished() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    bed.publish("posts/new.md", titled("New", "slug: talk\ndraft: true\n"), "10");

    bed.applyDelete("posts/old.md", "20");

    assertThat(bed.post("talk")).get().extracting(Post::draft).isEqualTo(true);
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("draft");
  }

  @Test
  void theOldestClaimWinsAndTheOthersKeepWaiting() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    // Refused in this order; the key order is the opposite, so only the time decides.
    assertThat(bed.publish("posts/z-first.md", titled("First", "slug: talk\n"), "10").kind())
        .isEqualTo(Kind.WAITING);
    assertThat(bed.publish("posts/a-second.md", titled("Second", "slug: talk\n"), "10").kind())
        .isEqualTo(Kind.WAITING);

    bed.applyDelete("posts/old.md", "20");

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("First");
    assertThat(bed.report("posts/a-second.md").path("status").asText()).isEqualTo("waiting");

    bed.applyDelete("posts/z-first.md", "20");

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("Second");
    assertThat(bed.report("posts/a-second.md").path("status").asText()).isEqualTo("published");
  }

  @Test
  void aClaimantThatIsDeletedLeavesTheQueue() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    bed.publish("posts/new.md", titled("New", "slug: talk\n"), "10");

    bed.applyDelete("posts/new.md", "20");
    bed.applyDelete("posts/old.md", "20");

    assertThat(bed.post("talk")).isEmpty();
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("removed");
  }

  @Test
  void aClaimantThatIsChangedLeavesTheQueueAndItsNewVersionDecidesAgain() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    bed.publish("posts/new.md", titled("New", "slug: talk\n"), "10");

    assertThat(bed.publish("posts/new.md", titled("Newer", "slug: new-talk\n"), "20").kind())
        .isEqualTo(Kind.PUBLISHED);
    bed.applyDelete("posts/old.md", "20");

    assertThat(bed.post("talk")).isEmpty();
    assertThat(bed.post("new-talk")).get().extracting(Post::title).isEqualTo("Newer");
  }

  @Test
  void aClaimantWithALiveVersionKeepsItWhileWaitingAndRedirectsFromItOnceMoved() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    bed.publish("posts/new.md", titled("New", "slug: new-talk\n"), "10");
    assertThat(bed.publish("posts/new.md", titled("Renamed", "slug: talk\n"), "20").kind())
        .isEqualTo(Kind.WAITING);
    assertThat(bed.post("new-talk")).get().extracting(Post::title).isEqualTo("New");

    bed.applyDelete("posts/old.md", "20");

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("Renamed");
    assertThat(bed.post("new-talk")).isEmpty();
    assertThat(bed.partition("new-talk")).singleElement().satisfies(alias -> assertThat(alias.get("target").s()).isEqualTo("talk"));
  }

  @Test
  void eventsSeenAgainOrLateChangeNothing() {
    bed.publish("posts/old.md", titled("Old", "slug: talk\n"), "10");
    String waiting = bed.upload("posts/new.md", titled("New", "slug: talk\n"));
    bed.applyPut("posts/new.md", waiting, "10");

    assertThat(bed.applyPut("posts/new.md", waiting, "10").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("waiting");
    bed.applyDelete("posts/old.md", "20");
    assertThat(bed.applyDelete("posts/old.md", "20").kind()).isEqualTo(Kind.SKIPPED);
    assertThat(bed.applyPut("posts/new.md", waiting, "10").kind()).isEqualTo(Kind.SKIPPED);

    assertThat(bed.post("talk")).get().extracting(Post::title).isEqualTo("New");
    assertThat(bed.report("posts/new.md").path("status").asText()).isEqualTo("published");
    assertThat(bed.source("posts/new.md").orElseThrow().revision()).isEqualTo(2);
  }

  /** The refusal and the delete racing: whichever commits first, the new file ends up published. */
  @RepeatedTest(5)
  void aRefusalRacingTheOwnersDeleteStillEndsPublished(RepetitionInfo repetition) throws Exception {
    String slug = "race-" + repetition.getCurrentRepetition();
    bed.publish("posts/old-" + slug + ".md", titled("Old", "slug: " + slug + "\n"), "10");
    String waiting = bed.upload("posts/new-" + slug + ".md", titled("New", "slug: " + slug + "\n"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Outcome>> outcomes =
          List.of(
              pool.submit(
                  () -> {
                    start.await();
                    return bed.applyPut("posts/new-" + slug + ".md", waiting, "10");
                  }),
              pool.submit(
                  () -> {
                    start.await();
                    return bed.applyDelete("posts/old-" + slug + ".md", "20");
                  }));
      start.countDown();
      for (Future<Outcome> outcome : outcomes) {
        outcome.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(bed.post(slug)).get().extracting(Post::title).isEqualTo("New");
    assertThat(bed.report("posts/new-" + slug + ".md").path("status").asText()).isEqualTo("published");
  }
}
