package dev.contentfunctions.posts;

import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.QueryParameters;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.PostSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What the blog shows, decided once for every route: only posts that are published and due ("not a
 * draft and date <= now") are ever listed or served, except to the author's preview. Knows nothing
 * of HTTP; throws {@link ApiException}s for what the caller asked wrongly.
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

  /** How many recent posts per shared tag are considered for "You may also like". */
  private static final int RELATED_CANDIDATES_PER_TAG = 25;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final int MAX_SLUG_LENGTH = 100;

  private final PostRepository repository;
  private final Clock clock;

  public PostsService(PostRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** One page of a listing and the cursor of the next, if there is one. */
  public record PostPage(List<PostSummary> posts, String nextCursor) {}

  /** A post with its neighbours by date; {@code preview} when shown to the author only. */
  public record PostView(Post post, PostSummary previous, PostSummary next, boolean preview) {}

  /**
   * A slug that is not current: the client should go to {@code slug} instead. {@code preview}: the
   * post there is not public, so only the author (the preview token) may be sent there.
   */
  public static final class Moved extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String slug;
    private final boolean preview;

    Moved(String slug, boolean preview) {
      super(null, null, false, false);
      this.slug = slug;
      this.preview = preview;
    }

    public String slug() {
      return slug;
    }

    public boolean preview() {
      return preview;
    }
  }

  public record TagCount(String tag, int count) {}

  public PostPage list(String tag, String limitParameter, String cursor) {
    int limit = QueryParameters.count("limit", limitParameter, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    String list = PostMapper.PUBLISHED_LIST;
    if (tag != null) {
      list = PostMapper.tagList(requireSlugLike("tag", tag));
    }
    String after = cursor == null ? null : PageCursor.decode(cursor, list);
    PostRepository.Page page = repository.page(list, clock.instant(), limit, after);
    return new PostPage(page.posts(), page.hasMore() ? PageCursor.encode(list, page.lastSortKey()) : null);
  }

  /**
   * The post under {@code slug}, if it is public, or to the author ({@code preview}) whatever its
   * state.
   *
   * @throws Moved the slug is a former slug or alias of a post
   * @throws ApiException.NotFound no such public post
   */
  public PostView post(String slug, boolean preview) {
    Instant now = clock.instant();
    Post post = visible(slug, repository::findPost, found -> found.isVisibleAt(now), preview, now);
    return new PostView(
        post,
        repository.neighbour(post, now, true).orElse(null),
        repository.neighbour(post, now, false).orElse(null),
        !post.isVisibleAt(now));
  }

  /**
   * "You may also like": other due posts ranked by how many tags they share with this one, then by
   * recency; topped up with the newest posts when fewer share a tag.
   */
  public List<PostSummary> related(String slug, String limitParameter) {
    int limit = QueryParameters.count("limit", limitParameter, DEFAULT_RELATED, MAX_RELATED);
    Instant now = clock.instant();
    // Not even the author's preview shows what an unpublished post would be listed with.
    PostSummary post = visible(slug, repository::findSummary, found -> found.isVisibleAt(now), false, now).summary();

    Map<String, PostSummary> candidates = new HashMap<>();
    Map<String, Integer> shared = new HashMap<>();
    for (String tag : post.tags()) {
      for (PostSummary other :
          repository.page(PostMapper.tagList(tag), now, RELATED_CANDIDATES_PER_TAG, null).posts()) {
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
      for (PostSummary newest : repository.page(PostMapper.PUBLISHED_LIST, now, limit + 1, null).posts()) {
        if (result.size() < limit && !newest.slug().equals(post.slug())) {
          result.putIfAbsent(newest.slug(), newest);
        }
      }
    }
    return List.copyOf(result.values());
  }

  /** Every tag of a due post, with how many due posts carry it; most used first. */
  public List<TagCount> tags() {
    Map<String, Integer> counts = new TreeMap<>();
    for (PostSummary post : repository.all(PostMapper.PUBLISHED_LIST, clock.instant())) {
      post.tags().forEach(tag -> counts.merge(tag, 1, Integer::sum));
    }
    List<TagCount> tags = new ArrayList<>();
    counts.forEach((tag, count) -> tags.add(new TagCount(tag, count)));
    tags.sort(Comparator.comparingInt(TagCount::count).reversed().thenComparing(TagCount::tag));
    return tags;
  }

  /** A feed item: the post's summary and its full HTML, or null (no room left, or a body stored in parts). */
  public record FeedEntry(PostSummary post, String html) {}

  /**
   * The newest due posts, for the feed, newest first, each with its full HTML if it fits in what
   * is left of {@link #FEED_HTML_BUDGET} characters (a Lambda response is at most 6 MB); one that
   * does not fit is given with its description only.
   */
  public List<FeedEntry> latest() {
    List<PostSummary> posts = repository.page(PostMapper.PUBLISHED_LIST, clock.instant(), FEED_SIZE, null).posts();
    Map<String, String> html = repository.findHtml(posts.stream().map(PostSummary::slug).toList());
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

  /** Every due post, for the sitemap. */
  public List<PostSummary> all() {
    return repository.all(PostMapper.PUBLISHED_LIST, clock.instant());
  }

  /**
   * What {@code find} reads under {@code slug} if it is public ({@code isPublic}) or the caller is
   * the author ({@code preview}).
   *
   * @throws Moved the slug is a former slug or alias of a post the caller may see
   * @throws ApiException.NotFound nothing the caller may see is there
   */
  private <T> T visible(String slug, Function<String, Optional<T>> find, Predicate<T> isPublic, boolean preview, Instant now) {
    if (!isSlugLike(slug)) {
      // A path, not a parameter: a malformed slug is simply a page that does not exist.
      throw notFound(slug);
    }
    Optional<T> post = find.apply(slug);
    if (post.isPresent()) {
      if (preview || isPublic.test(post.get())) {
        return post.get();
      }
      throw notFound(slug);
    }
    // An alias redirects only to a post the caller may see, and never to another redirect or to
    // nothing: otherwise it would reveal an unpublished slug, or lead the reader to a dead end.
    Optional<String> target = repository.findAliasTarget(slug);
    Optional<PostRepository.Listed> current = target.flatMap(repository::findSummary);
    if (current.isPresent()) {
      boolean isPublicThere = current.get().isVisibleAt(now);
      if (isPublicThere || preview) {
        throw new Moved(target.get(), !isPublicThere);
      }
    }
    throw notFound(slug);
  }

  /** The same answer for every slug the caller may not see, so that none can be told apart. */
  private static ApiException.NotFound notFound(String slug) {
    return new ApiException.NotFound("There is no post '" + slug + "'.");
  }

  private static boolean isSlugLike(String value) {
    return value.length() <= MAX_SLUG_LENGTH && SLUG.matcher(value).matches();
  }

  private static String requireSlugLike(String name, String value) {
    if (!isSlugLike(value)) {
      throw new ApiException.BadRequest(
          "'" + name + "' must be lowercase letters, digits and single hyphens, at most " + MAX_SLUG_LENGTH + " characters.");
    }
    return value;
  }
}
