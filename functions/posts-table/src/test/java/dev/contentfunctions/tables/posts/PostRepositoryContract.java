package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PostRepository} promises, run against the DynamoDB one (on moto) and the
 * in-memory one: the services' unit tests rely on the second behaving as the first.
 */
abstract class PostRepositoryContract {
  static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  /** A repository holding exactly these posts and aliases (alias -> target slug). */
  abstract PostRepository repositoryWith(List<Post> posts, Map<String, String> aliases);

  private PostRepository repository;

  static Post post(String slug, String date, boolean draft, String... tags) {
    return new Post(
        slug, "Title of " + slug, "About " + slug, "Excerpt", Instant.parse(date), null, List.of(tags), null, draft,
        null, List.of(), Map.of(), "<p>" + slug + "</p>", List.of(), 100, 1, "hash-" + slug, "posts/" + slug + ".md", List.of());
  }

  @BeforeEach
  void fill() {
    repository =
        repositoryWith(
            List.of(
                post("oldest", "2025-01-01T00:00:00Z", false, "calm"),
                post("middle", "2025-06-01T00:00:00Z", false, "calm", "trust"),
                post("same-second-a", "2025-09-01T00:00:00Z", false, "trust"),
                post("same-second-b", "2025-09-01T00:00:00Z", false, "trust"),
                post("newest", "2026-01-15T12:00:00Z", false, "calm"),
                post("a-draft", "2025-08-01T00:00:00Z", true, "calm"),
                post("scheduled", "2026-02-01T00:00:00Z", false, "calm"),
                post("scheduled-later", "2026-03-01T00:00:00Z", false, "calm")),
            Map.of("old-name", "middle", "alias-to-nothing", "never-written"));
  }

  private static Slug slug(String value) {
    return new Slug(value);
  }

  private static List<String> slugs(List<PostSummary> posts) {
    return posts.stream().map(PostSummary::slug).toList();
  }

  @Test
  void listsOnlyDuePublishedPostsNewestFirstThenBySlug() {
    assertThat(slugs(repository.all(Listing.published(), NOW)))
        .containsExactly("newest", "same-second-b", "same-second-a", "middle", "oldest");
  }

  @Test
  void aPostIsDueFromItsSecondOn() {
    assertThat(slugs(repository.all(Listing.published(), Instant.parse("2026-01-15T11:59:59Z")))).doesNotContain("newest");
    assertThat(slugs(repository.all(Listing.published(), Instant.parse("2026-02-01T00:00:00.500Z")))).contains("scheduled");
  }

  @Test
  void aTagListsItsDuePostsOnly() {
    assertThat(slugs(repository.all(Listing.tagged(slug("calm")), NOW))).containsExactly("newest", "middle", "oldest");
    assertThat(repository.all(Listing.tagged(slug("nobody")), NOW)).isEmpty();
  }

  @Test
  void pagesFollowEachOtherWithoutGapsOrRepeatsAndSayWhetherMoreFollow() {
    for (Listing listing : List.of(Listing.published(), Listing.tagged(slug("trust")))) {
      List<String> seen = new ArrayList<>();
      Optional<ListPosition> after = Optional.empty();
      PostRepository.Page page;
      do {
        page = repository.page(listing, NOW, 2, after);
        assertThat(page.posts()).isNotEmpty();
        seen.addAll(slugs(page.posts()));
        after = Optional.of(ListPosition.of(page.posts().get(page.posts().size() - 1)));
      } while (page.hasMore());
      assertThat(seen).containsExactlyElementsOf(slugs(repository.all(listing, NOW)));
    }
  }

  @Test
  void aPageThatFillsTheLimitExactlyHasNoMore() {
    PostRepository.Page page = repository.page(Listing.tagged(slug("calm")), NOW, 3, Optional.empty());

    assertThat(slugs(page.posts())).containsExactly("newest", "middle", "oldest");
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void findsAPostInAnyStateWithItsSummaryAndDraftFlag() {
    assertThat(repository.findPost(slug("a-draft")).map(Post::html)).contains("<p>a-draft</p>");
    PostRepository.Listed draft = repository.findSummary(slug("a-draft")).orElseThrow();
    assertThat(draft.draft()).isTrue();
    assertThat(draft.isVisibleAt(NOW)).isFalse();
    PostRepository.Listed middle = repository.findSummary(slug("middle")).orElseThrow();
    assertThat(middle.summary().tags()).containsExactly("calm", "trust");
    assertThat(middle.isVisibleAt(NOW)).isTrue();
    assertThat(repository.findSummary(slug("scheduled")).orElseThrow().isVisibleAt(NOW)).isFalse();
    assertThat(repository.findPost(slug("never-written"))).isEmpty();
    assertThat(repository.findSummary(slug("never-written"))).isEmpty();
  }

  @Test
  void findsTheHtmlOfSeveralPostsAndLeavesOutTheMissing() {
    assertThat(repository.findHtml(List.of(slug("middle"), slug("oldest"), slug("never-written"))))
        .containsOnly(Map.entry("middle", "<p>middle</p>"), Map.entry("oldest", "<p>oldest</p>"));
    assertThat(repository.findHtml(List.of())).isEmpty();
  }

  @Test
  void anAliasNamesItsTargetWhateverTheTargetIs() {
    assertThat(repository.findAliasTarget(slug("old-name"))).contains(slug("middle"));
    assertThat(repository.findAliasTarget(slug("alias-to-nothing"))).contains(slug("never-written"));
    assertThat(repository.findAliasTarget(slug("middle"))).isEmpty();
  }

  @Test
  void neighboursAreTheDuePublishedPostsJustOlderAndNewer() {
    Post middle = repository.findPost(slug("middle")).orElseThrow();
    Post sameSecondA = repository.findPost(slug("same-second-a")).orElseThrow();

    assertThat(repository.neighbour(middle, NOW, true).map(PostSummary::slug)).contains("oldest");
    assertThat(repository.neighbour(middle, NOW, false).map(PostSummary::slug)).contains("same-second-a");
    assertThat(repository.neighbour(sameSecondA, NOW, false).map(PostSummary::slug)).contains("same-second-b");
    assertThat(repository.neighbour(repository.findPost(slug("newest")).orElseThrow(), NOW, false)).isEmpty();
    assertThat(repository.neighbour(repository.findPost(slug("oldest")).orElseThrow(), NOW, true)).isEmpty();
  }

  @Test
  void anUnpublishedPostInPreviewHasOnlyDueNeighbours() {
    Post draft = repository.findPost(slug("a-draft")).orElseThrow();
    Post scheduledLater = repository.findPost(slug("scheduled-later")).orElseThrow();

    assertThat(repository.neighbour(draft, NOW, true).map(PostSummary::slug)).contains("middle");
    assertThat(repository.neighbour(draft, NOW, false).map(PostSummary::slug)).contains("same-second-a");
    // Its older neighbour is the newest due post, never the other scheduled one.
    assertThat(repository.neighbour(scheduledLater, NOW, true).map(PostSummary::slug)).contains("newest");
    assertThat(repository.neighbour(scheduledLater, NOW, false)).isEmpty();
  }

  @Test
  void countsTheDuePublishedPostsOfEachTagAndMonth() {
    TagCounts counts = repository.counts(NOW);

    assertThat(counts.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 3, "trust", 3));
    assertThat(counts.months())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(YearMonth.of(2025, 1), 1, YearMonth.of(2025, 6), 1, YearMonth.of(2025, 9), 2, YearMonth.of(2026, 1), 1));
  }

  @Test
  void aScheduledPostCountsFromItsSecondOn() {
    assertThat(repository.counts(Instant.parse("2026-01-31T23:59:59.900Z")).tags()).containsEntry("calm", 3);
    TagCounts due = repository.counts(Instant.parse("2026-02-01T00:00:00.500Z"));
    assertThat(due.tags()).containsEntry("calm", 4);
    assertThat(due.months()).containsEntry(YearMonth.of(2026, 2), 1).doesNotContainKey(YearMonth.of(2026, 3));
    assertThat(repository.counts(Instant.parse("2026-03-02T00:00:00Z")).tags()).containsEntry("calm", 5);
  }

  @Test
  void aMonthListsItsDuePostsNewestFirstThenBySlugWithTheirLastChange() {
    PostRepository.DatedPage september = repository.month(YearMonth.of(2025, 9), NOW, 100);
    assertThat(september.posts())
        .containsExactly(
            new PostRepository.Dated("same-second-b", Instant.parse("2025-09-01T00:00:00Z")),
            new PostRepository.Dated("same-second-a", Instant.parse("2025-09-01T00:00:00Z")));
    assertThat(september.truncated()).isFalse();
    assertThat(repository.month(YearMonth.of(2025, 8), NOW, 100).posts()).as("a draft's month").isEmpty();
    assertThat(repository.month(YearMonth.of(2026, 1), Instant.parse("2026-01-15T11:59:59Z"), 100).posts()).isEmpty();
    assertThat(repository.month(YearMonth.of(2026, 2), NOW, 100).posts()).isEmpty();
    assertThat(repository.month(YearMonth.of(2026, 2), Instant.parse("2026-02-01T00:00:00.500Z"), 100).posts())
        .extracting(PostRepository.Dated::slug)
        .containsExactly("scheduled");
  }

  @Test
  void aMonthLongerThanThePageSaysItStoppedShort() {
    PostRepository.DatedPage page = repository.month(YearMonth.of(2025, 9), NOW, 1);

    assertThat(page.posts()).extracting(PostRepository.Dated::slug).containsExactly("same-second-b");
    assertThat(page.truncated()).isTrue();
  }
}
