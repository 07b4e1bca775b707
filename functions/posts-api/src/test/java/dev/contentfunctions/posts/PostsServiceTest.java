package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.posts.PostsService.Found;
import dev.contentfunctions.posts.PostsService.Lookup;
import dev.contentfunctions.posts.PostsService.Moved;
import dev.contentfunctions.posts.PostsService.NotFound;
import dev.contentfunctions.posts.PostsService.PostView;
import dev.contentfunctions.tables.posts.InMemoryPostRepository;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostRepository;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.Slug;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The blog's rules, against the in-memory repository: what is listed, served, redirected, related. */
class PostsServiceTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  private final InMemoryPostRepository posts = new InMemoryPostRepository();
  private final PostsService service = new PostsService(posts, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Post post(String slug, String date, boolean draft, String... tags) {
    return new Post(
        slug, "Title of " + slug, "About " + slug, "Excerpt", Instant.parse(date + "T00:00:00Z"), null, List.of(tags),
        null, draft, null, List.of(), Map.of(), "<p>" + slug + "</p>", List.of(), 100, 1, "hash", "posts/" + slug + ".md", List.of());
  }

  private static Slug slug(String value) {
    return new Slug(value);
  }

  private static List<String> slugs(List<PostSummary> summaries) {
    return summaries.stream().map(PostSummary::slug).toList();
  }

  private void blog() {
    posts
        .put(post("old", "2025-01-01", false, "calm"))
        .put(post("middle", "2025-06-01", false, "calm", "trust"))
        .put(post("new", "2025-12-01", false, "trust"))
        .put(post("draft", "2025-11-01", true, "calm", "trust"))
        .put(post("scheduled", "2026-02-01", false, "calm", "trust"))
        .putAlias("middle-before", "middle")
        .putAlias("draft-before", "draft")
        .putAlias("scheduled-before", "scheduled")
        .putAlias("to-nothing", "never-written")
        .putAlias("to-alias", "middle-before");
  }

  @Test
  void draftsAndScheduledPostsAreNeverListedCountedOrInTheFeedAndSitemap() {
    blog();

    assertThat(slugs(service.list(Listing.published(), 50, Optional.empty()).posts())).containsExactly("new", "middle", "old");
    assertThat(slugs(service.list(Listing.tagged(slug("calm")), 50, Optional.empty()).posts())).containsExactly("middle", "old");
    assertThat(service.tags()).containsExactly(new PostsService.TagCount("calm", 2), new PostsService.TagCount("trust", 2));
    assertThat(service.latest()).extracting(entry -> entry.post().slug()).containsExactly("new", "middle", "old");
    assertThat(service.sitemapMonths()).allSatisfy(month -> assertThat(service.sitemapMonth(month).posts())
        .extracting(PostRepository.Dated::slug).isSubsetOf("new", "middle", "old"));
    assertThat(service.sitemapMonths().stream().flatMap(month -> service.sitemapMonth(month).posts().stream()))
        .extracting(PostRepository.Dated::slug).containsExactlyInAnyOrder("new", "middle", "old");
  }

  @Test
  void aScheduledPostIsListedFromItsDateOn() {
    blog();
    PostsService later = new PostsService(posts, Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC));

    assertThat(slugs(later.list(Listing.published(), 1, Optional.empty()).posts())).containsExactly("scheduled");
    assertThat(later.post(slug("scheduled"), false)).isInstanceOf(Found.class);
  }

  @Test
  void pagesCoverEveryPostOnceAndTheLastHasNoNext() {
    for (int day = 1; day <= 9; day++) {
      posts.put(post("day-" + day, "2025-03-0" + day, false, "calm"));
    }
    List<String> seen = new ArrayList<>();
    Optional<ListPosition> after = Optional.empty();
    int pages = 0;
    do {
      PostsService.PostPage page = service.list(Listing.published(), 4, after);
      seen.addAll(slugs(page.posts()));
      after = page.next();
      pages++;
    } while (after.isPresent());

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("day-9", "day-8", "day-7", "day-6", "day-5", "day-4", "day-3", "day-2", "day-1");
  }

  @Test
  void aPageThatEndsTheListingExactlyHasNoNext() {
    blog();

    assertThat(service.list(Listing.published(), 3, Optional.empty()).next()).isEmpty();
    assertThat(service.list(Listing.published(), 2, Optional.empty()).next())
        .contains(new ListPosition(Instant.parse("2025-06-01T00:00:00Z"), slug("middle")));
  }

  @Test
  void aPublicPostIsFoundWithItsDueNeighbours() {
    blog();

    PostView view = ((Found<PostView>) service.post(slug("middle"), false)).value();

    assertThat(view.previous().slug()).isEqualTo("old");
    assertThat(view.next().slug()).isEqualTo("new");
    assertThat(view.preview()).isFalse();
  }

  @Test
  void draftsAndScheduledPostsAreFoundOnlyInPreview() {
    blog();

    assertThat(service.post(slug("draft"), false)).isInstanceOf(NotFound.class);
    assertThat(service.post(slug("scheduled"), false)).isInstanceOf(NotFound.class);
    PostView draft = ((Found<PostView>) service.post(slug("draft"), true)).value();
    assertThat(draft.preview()).isTrue();
    assertThat(draft.next().slug()).isEqualTo("new");
    PostView scheduled = ((Found<PostView>) service.post(slug("scheduled"), true)).value();
    assertThat(scheduled.next()).isNull();
    assertThat(scheduled.previous().slug()).isEqualTo("new");
  }

  @Test
  void anAliasOfAPublicPostMovesPubliclyWithOrWithoutPreview() {
    blog();

    assertThat(service.post(slug("middle-before"), false)).isEqualTo(new Moved<>(slug("middle"), false));
    assertThat(service.post(slug("middle-before"), true)).isEqualTo(new Moved<>(slug("middle"), false));
    assertThat(service.related(slug("middle-before"), 3)).isEqualTo(new Moved<>(slug("middle"), false));
  }

  @Test
  void anAliasOfAnUnpublishedPostMovesOnlyTheAuthorAndPrivately() {
    blog();

    for (String alias : List.of("draft-before", "scheduled-before")) {
      assertThat(service.post(slug(alias), false)).as(alias).isInstanceOf(NotFound.class);
      Lookup<PostView> author = service.post(slug(alias), true);
      assertThat(author).as(alias).isInstanceOf(Moved.class);
      assertThat(((Moved<PostView>) author).preview()).isTrue();
      // Not even the author sees what an unpublished post would be related to.
      assertThat(service.related(slug(alias), 3)).as(alias).isInstanceOf(NotFound.class);
    }
  }

  @Test
  void anAliasToNothingOrToAnotherAliasIsNotFound() {
    blog();

    for (String alias : List.of("to-nothing", "to-alias")) {
      assertThat(service.post(slug(alias), true)).as(alias).isInstanceOf(NotFound.class);
      assertThat(service.related(slug(alias), 3)).as(alias).isInstanceOf(NotFound.class);
    }
    assertThat(service.post(slug("never-written"), true)).isInstanceOf(NotFound.class);
  }

  @Test
  void relatedRanksBySharedTagsThenNewestAndNeverItselfOrAnUnpublishedPost() {
    posts
        .put(post("subject", "2025-05-01", false, "a", "b"))
        .put(post("both-old", "2025-01-01", false, "a", "b"))
        .put(post("both-new", "2025-02-01", false, "b", "a"))
        .put(post("one-newest", "2025-04-01", false, "a"))
        .put(post("one-older", "2025-03-01", false, "b"))
        .put(post("both-draft", "2025-04-15", true, "a", "b"))
        .put(post("both-scheduled", "2026-03-01", false, "a", "b"))
        .put(post("unrelated", "2025-12-01", false, "c"));

    Lookup<List<PostSummary>> related = service.related(slug("subject"), 4);

    assertThat(slugs(((Found<List<PostSummary>>) related).value()))
        .containsExactly("both-new", "both-old", "one-newest", "one-older");
  }

  @Test
  void relatedReadsABoundedNumberOfPostsWhateverItsTagsHold() {
    List<String> tags = List.of("t1", "t2", "t3", "t4", "t5", "t6");
    posts.put(post("subject", "2020-01-01", false, tags.toArray(String[]::new)));
    for (int i = 0; i < 400; i++) {
      posts.put(post("p-" + i, Instant.parse("2021-01-01T00:00:00Z").plusSeconds(86_400L * i).toString().substring(0, 10),
          false, tags.get(i % tags.size()), tags.get((i + 1) % tags.size())));
    }
    List<Integer> limits = new ArrayList<>();
    PostRepository counting = new CountingReads(posts, limits);

    Lookup<List<PostSummary>> related = new PostsService(counting, Clock.fixed(NOW, ZoneOffset.UTC)).related(slug("subject"), 10);

    assertThat(((Found<List<PostSummary>>) related).value()).hasSize(10);
    assertThat(limits).as("one Query per tag looked at, each with its limit").hasSize(PostsService.RELATED_TAGS);
    assertThat(limits.stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(4 * 11);
  }

  /** The read side, counting the listing pages read and their limits. */
  private record CountingReads(PostRepository delegate, List<Integer> limits) implements PostRepository {
    @Override
    public Page page(Listing listing, Instant now, int limit, Optional<ListPosition> after) {
      limits.add(limit);
      return delegate.page(listing, now, limit, after);
    }

    @Override public Optional<Post> findPost(Slug slug) { return delegate.findPost(slug); }
    @Override public Optional<Listed> findSummary(Slug slug) { return delegate.findSummary(slug); }
    @Override public Map<String, String> findHtml(List<Slug> slugs) { return delegate.findHtml(slugs); }
    @Override public Optional<Slug> findAliasTarget(Slug slug) { return delegate.findAliasTarget(slug); }
    @Override public List<PostSummary> all(Listing listing, Instant now) { throw new AssertionError("no route reads a whole listing"); }
    @Override public dev.contentfunctions.tables.posts.TagCounts counts(Instant now) { return delegate.counts(now); }
    @Override public DatedPage month(java.time.YearMonth month, Instant now, int limit) { return delegate.month(month, now, limit); }
    @Override public Optional<PostSummary> neighbour(Post post, Instant now, boolean older) { return delegate.neighbour(post, now, older); }
  }

  @Test
  void relatedIsToppedUpWithTheNewestWhenTooFewShareATag() {
    posts
        .put(post("lonely", "2025-05-01", false, "nobody-else"))
        .put(post("newest", "2025-12-01", false, "x"))
        .put(post("newer", "2025-11-01", false, "y"))
        .put(post("draft", "2025-12-15", true, "x"));

    assertThat(slugs(((Found<List<PostSummary>>) service.related(slug("lonely"), 3)).value()))
        .containsExactly("newest", "newer");
  }

  @Test
  void theFeedCarriesFullHtmlWhileItFitsTheBudget() {
    String big = "x".repeat(PostsService.FEED_HTML_BUDGET - 10);
    Post large = post("large", "2025-12-01", false);
    posts.put(new Post(
        large.slug(), large.title(), large.description(), large.excerpt(), large.publishedAt(), null, List.of(), null,
        false, null, List.of(), Map.of(), big, List.of(), 1, 1, "h", "posts/large.md", List.of()));
    posts.put(post("small", "2025-11-01", false));
    posts.put(post("smallest", "2025-10-01", false));

    assertThat(service.latest())
        .extracting(entry -> entry.post().slug() + ":" + (entry.html() == null ? "none" : entry.html().length()))
        .containsExactly("large:" + big.length(), "small:none", "smallest:none");
  }
}
