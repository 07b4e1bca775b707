package dev.contentfunctions.posts;

import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostRepository;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.Slug;
import dev.contentfunctions.tables.posts.TagCounts;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the blog shows, decided once for every route: only posts that are published and due ("not a
 * draft and date <= now") are ever listed or served, except to the author's preview. Knows nothing
 * of HTTP: typed inputs in (limits already checked, slugs already parsed), results out.
 */
public final class PostsService {
  static final int DEFAULT_PAGE_SIZE = 10;
  static final int MAX_PAGE_SIZE = 50;
  static final int DEFAULT_RELATED = 3;
  static final int MAX_RELATED = 10;
  static final int FEED_SIZE = 20;

  /**
   * Characters of HTML the feed carries in all: even escaped as XML (several times longer for
   * markup) and with the rest of the feed, well within Lambda's 6 MB response.
   */
  static final int FEED_HTML_BUDGET = 512 * 1024;

  /**
   * "You may also like" reads at most this many candidates in all, over the first {@link
   * #RELATED_TAGS} tags of the post (at least {@code limit + 1} per tag, so that a tag's own posts
   * can fill the list): its cost is bounded whatever the tags hold.
   */
  static final int RELATED_CANDIDATES = 32;

  /** The tags of a post that "You may also like" looks at: one Query each. */
  static final int RELATED_TAGS = 4;

  /** URLs on a sitemap page at most (the protocol allows 50,000): a month with more is cut short. */
  static final int SITEMAP_PAGE_URLS = 2_000;

  private final PostRepository repository;
  private final Clock clock;

  public PostsService(PostRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** One page of a listing and where the next starts, if another follows. */
  public record PostPage(List<PostSummary> posts, Optional<ListPosition> next) {}

  /** A post with its neighbours by date; {@code preview} when shown to the author only. */
  public record PostView(Post post, PostSummary previous, PostSummary next, boolean preview) {}

  /**
   * A post as its page shows it: with "You may also like" (empty for the author's preview), and
   * without the neighbours by date, which the page does not show.
   */
  public record Article(Post post, List<PostSummary> related, boolean preview) {}

  public record TagCount(String tag, int count) {}

  /** A feed item: the post's summary and its full HTML, or null (no room left, or a body stored in parts). */
  public record FeedEntry(PostSummary post, String html) {}

  /** What a lookup by slug found for this caller. */
  public sealed interface Lookup<T> permits Found, Moved, NotFound {
    /** The same outcome, with what was found turned into {@code f}'s result. */
    default <R> Lookup<R> map(Function<? super T, ? extends R> f) {
      if (this instanceof Found<T> found) {
        return new Found<>(f.apply(found.value()));
      }
      if (this instanceof Moved<T> moved) {
        return new Moved<>(moved.slug(), moved.preview());
      }
      return new NotFound<>();
    }
  }

  public record Found<T>(T value) implements Lookup<T> {}

  /**
   * A slug that is not current: the client should go to {@code slug} instead. {@code preview}: the
   * post there is not public, so only the author (the preview token) may be sent there.
   */
  public record Moved<T>(Slug slug, boolean preview) implements Lookup<T> {}

  /** Nothing the caller may see: the same answer for every such slug, so that none can be told apart. */
  public record NotFound<T>() implements Lookup<T> {}

  public PostPage list(Listing listing, int limit, Optional<ListPosition> after) {
    PostRepository.Page page = repository.page(listing, clock.instant(), limit, after);
    Optional<ListPosition> next =
        page.hasMore() ? Optional.of(ListPosition.of(page.posts().get(page.posts().size() - 1))) : Optional.empty();
    return new PostPage(page.posts(), next);
  }

  /** The post under {@code slug}, if it is public, or to the author ({@code preview}) whatever its state. */
  public Lookup<PostView> post(Slug slug, boolean preview) {
    Instant now = clock.instant();
    return visible(slug, repository::findPost, found -> found.isVisibleAt(now), preview, now)
        .map(
            post ->
                new PostView(
                    post,
                    repository.neighbour(post, now, true).orElse(null),
                    repository.neighbour(post, now, false).orElse(null),
                    !post.isVisibleAt(now)));
  }

  /**
   * The post's page: one read of the post, then its related posts from what that read found (not a
   * second read of the same post, and no neighbour Queries: the page links to neither).
   */
  public Lookup<Article> article(Slug slug, boolean preview, int relatedLimit) {
    Instant now = clock.instant();
    return visible(slug, repository::findPost, found -> found.isVisibleAt(now), preview, now)
        .map(post -> post.isVisibleAt(now)
            ? new Article(post, related(post.summary(), relatedLimit, now), false)
            : new Article(post, List.of(), true));
  }

  /**
   * "You may also like": other due posts ranked by how many tags they share with this one, then by
   * recency; topped up with the newest posts when fewer share a tag.
   */
  public Lookup<List<PostSummary>> related(Slug slug, int limit) {
    Instant now = clock.instant();
    // Not even the author's preview shows what an unpublished post would be listed with.
    return visible(slug, repository::findSummary, found -> found.isVisibleAt(now), false, now)
        .map(found -> related(found.summary(), limit, now));
  }

  /**
   * Candidates: the newest posts of each of the post's first {@link #RELATED_TAGS} tags, {@link
   * #RELATED_CANDIDATES} in all; ranked by the tags they share with it among those, then by
   * recency. At most {@code RELATED_TAGS} Queries and ~{@code RELATED_CANDIDATES} items, plus one
   * short Query of the newest posts when too few share a tag.
   */
  private List<PostSummary> related(PostSummary post, int limit, Instant now) {
    Map<String, PostSummary> candidates = new HashMap<>();
    Map<String, Integer> shared = new HashMap<>();
    List<Slug> tags = post.tags().stream().map(Slug::parse).flatMap(Optional::stream).limit(RELATED_TAGS).toList();
    int perTag = tags.isEmpty() ? 0 : Math.max(limit + 1, RELATED_CANDIDATES / tags.size());
    for (Slug tag : tags) {
      for (PostSummary other : repository.page(Listing.tagged(tag), now, perTag, Optional.empty()).posts()) {
        if (!other.slug().equals(post.slug())) {
          candidates.put(other.slug(), other);
          shared.merge(other.slug(), 1, Integer::sum);
        }
      }
    }
    List<PostSummary> ranked = new ArrayList<>(candidates.values());
    ranked.sort(
        Comparator.<PostSummary>comparingInt(p -> shared.get(p.slug()))
            .reversed()
            .thenComparing(PostSummary::publishedAt, Comparator.reverseOrder())
            .thenComparing(PostSummary::slug));
    Map<String, PostSummary> result = new LinkedHashMap<>();
    ranked.stream().limit(limit).forEach(p -> result.put(p.slug(), p));
    if (result.size() < limit) {
      for (PostSummary newest : repository.page(Listing.published(), now, limit + 1, Optional.empty()).posts()) {
        if (result.size() < limit && !newest.slug().equals(post.slug())) {
          result.putIfAbsent(newest.slug(), newest);
        }
      }
    }
    return List.copyOf(result.values());
  }

  /**
   * Every tag of a due post, with how many due posts carry it; most used first. From the counts the
   * publisher keeps: one Query, whatever the number of posts.
   */
  public List<TagCount> tags() {
    return tags(repository.counts(clock.instant()));
  }

  private static List<TagCount> tags(TagCounts counts) {
    List<TagCount> tags = new ArrayList<>();
    counts.tags().forEach((tag, count) -> tags.add(new TagCount(tag, count)));
    tags.sort(Comparator.comparingInt(TagCount::count).reversed().thenComparing(TagCount::tag));
    return tags;
  }

  /**
   * The newest due posts, for the feed, newest first, each with its full HTML if it fits in what
   * is left of {@link #FEED_HTML_BUDGET} characters (a Lambda response is at most 6 MB); one that
   * does not fit is given with its description only.
   */
  public List<FeedEntry> latest() {
    List<PostSummary> posts = repository.page(Listing.published(), clock.instant(), FEED_SIZE, Optional.empty()).posts();
    Map<String, String> html = repository.findHtml(posts.stream().map(ListPosition::of).map(ListPosition::slug).toList());
    List<FeedEntry> entries = new ArrayList<>();
    int budget = FEED_HTML_BUDGET;
    for (PostSummary post : posts) {
      String body = html.get(post.slug());
      boolean fits = body != null && body.length() <= budget;
      if (fits) {
        budget -= body.length();
      }
      entries.add(new FeedEntry(post, fits ? body : null));
    }
    return entries;
  }

  /** The sitemap's index: the months with due posts, newest first; one Query of the counts. */
  public List<YearMonth> sitemapMonths() {
    List<YearMonth> months = new ArrayList<>(repository.counts(clock.instant()).months().keySet());
    months.sort(Comparator.reverseOrder());
    return months;
  }

  /** The site's own pages for the sitemap: the tags with a due post, and the newest post's date. */
  public record SitePages(List<String> tags, Instant newest) {}

  /** One Query of the counts and one of the newest post. */
  public SitePages sitePages() {
    Instant now = clock.instant();
    List<String> tags = List.copyOf(repository.counts(now).tags().keySet());
    List<PostSummary> newest = repository.page(Listing.published(), now, 1, Optional.empty()).posts();
    return new SitePages(tags, newest.isEmpty() ? null : newest.get(0).publishedAt());
  }

  /**
   * A month's due posts for its sitemap page, newest first, at most {@link #SITEMAP_PAGE_URLS}:
   * truncated when the month has more (or the read ran out of time).
   */
  public PostRepository.DatedPage sitemapMonth(YearMonth month) {
    return repository.month(month, clock.instant(), SITEMAP_PAGE_URLS);
  }

  /**
   * What {@code find} reads under {@code slug} if it is public ({@code isPublic}) or the caller is
   * the author ({@code preview}); else where the slug moved, if the caller may see the post there.
   */
  private <T> Lookup<T> visible(
      Slug slug, Function<Slug, Optional<T>> find, Predicate<T> isPublic, boolean preview, Instant now) {
    Optional<T> post = find.apply(slug);
    if (post.isPresent()) {
      return preview || isPublic.test(post.get()) ? new Found<>(post.get()) : new NotFound<>();
    }
    // An alias redirects only to a post the caller may see, and never to another redirect or to
    // nothing: otherwise it would reveal an unpublished slug, or lead the reader to a dead end.
    Optional<Slug> target = repository.findAliasTarget(slug);
    Optional<PostRepository.Listed> current = target.flatMap(repository::findSummary);
    if (current.isPresent()) {
      boolean isPublicThere = current.get().isVisibleAt(now);
      if (isPublicThere || preview) {
        return new Moved<>(target.get(), !isPublicThere);
      }
    }
    return new NotFound<>();
  }
}
