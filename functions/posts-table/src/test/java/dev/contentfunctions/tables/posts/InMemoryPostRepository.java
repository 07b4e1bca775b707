package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The read side in memory, for services' unit tests: it passes the contract suite the DynamoDB one
 * passes ({@link PostRepositoryContract}). Tests fill it with {@link #put} and {@link #putAlias}.
 */
public final class InMemoryPostRepository implements PostRepository {
  private final Map<String, Post> posts = new ConcurrentHashMap<>();
  private final Map<String, String> aliases = new ConcurrentHashMap<>();

  /** Stores (or replaces) a post, as the publisher would. */
  public InMemoryPostRepository put(Post post) {
    posts.put(post.slug(), post);
    return this;
  }

  /** Stores an alias (or former slug) redirecting to {@code target}. */
  public InMemoryPostRepository putAlias(String alias, String target) {
    aliases.put(alias, target);
    return this;
  }

  @Override
  public Optional<Post> findPost(Slug slug) {
    return Optional.ofNullable(posts.get(slug.value()));
  }

  @Override
  public Optional<Listed> findSummary(Slug slug) {
    return findPost(slug).map(post -> new Listed(summary(post), post.draft()));
  }

  @Override
  public Map<String, String> findHtml(List<Slug> slugs) {
    Map<String, String> html = new HashMap<>();
    slugs.forEach(slug -> findPost(slug).ifPresent(post -> html.put(post.slug(), post.html())));
    return html;
  }

  @Override
  public Optional<Slug> findAliasTarget(Slug slug) {
    return Optional.ofNullable(aliases.get(slug.value())).flatMap(Slug::parse);
  }

  @Override
  public Page page(Listing listing, Instant now, int limit, Optional<ListPosition> after) {
    List<PostSummary> rest =
        listed(listing, now, post -> after.map(a -> ListPosition.NEWEST_FIRST.compare(ListPosition.of(post), a) > 0).orElse(true));
    return new Page(rest.subList(0, Math.min(limit, rest.size())), rest.size() > limit);
  }

  @Override
  public List<PostSummary> all(Listing listing, Instant now) {
    return listed(listing, now, post -> true);
  }

  @Override
  public TagCounts counts(Instant now) {
    Map<String, Integer> tags = new TreeMap<>();
    Map<YearMonth, Integer> months = new TreeMap<>();
    for (PostSummary post : listed(Listing.published(), now, p -> true)) {
      post.tags().forEach(tag -> tags.merge(tag, 1, Integer::sum));
      months.merge(YearMonth.from(post.publishedAt().atOffset(ZoneOffset.UTC)), 1, Integer::sum);
    }
    return new TagCounts(tags, months);
  }

  @Override
  public DatedPage month(YearMonth month, Instant now, int limit) {
    List<Dated> posts =
        listed(Listing.published(), now, p -> YearMonth.from(p.publishedAt().atOffset(ZoneOffset.UTC)).equals(month)).stream()
            .map(p -> new Dated(p.slug(), p.updatedAt() != null ? p.updatedAt() : p.publishedAt()))
            .toList();
    return new DatedPage(posts.subList(0, Math.min(limit, posts.size())), posts.size() > limit);
  }

  @Override
  public Optional<PostSummary> neighbour(Post post, Instant now, boolean older) {
    ListPosition current = new ListPosition(post.publishedAt(), new Slug(post.slug()));
    List<PostSummary> due = listed(Listing.published(), now, other -> !other.slug().equals(post.slug()));
    return older
        ? due.stream().filter(other -> ListPosition.NEWEST_FIRST.compare(ListPosition.of(other), current) > 0).findFirst()
        : due.stream().filter(other -> ListPosition.NEWEST_FIRST.compare(ListPosition.of(other), current) < 0).reduce((newer, closer) -> closer);
  }

  /** Due at {@code now} as the table decides it: at the second, drafts never. */
  private List<PostSummary> listed(Listing listing, Instant now, Predicate<PostSummary> also) {
    Instant dueBy = now.truncatedTo(ChronoUnit.SECONDS);
    return posts.values().stream()
        .filter(post -> !post.draft() && !post.publishedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(dueBy))
        .map(InMemoryPostRepository::summary)
        .filter(listing::includes)
        .filter(also)
        .sorted((a, b) -> ListPosition.NEWEST_FIRST.compare(ListPosition.of(a), ListPosition.of(b)))
        .toList();
  }

  private static PostSummary summary(Post post) {
    return new PostSummary(
        post.slug(), post.title(), post.description(), post.publishedAt(), post.updatedAt(), post.tags(),
        post.readingMinutes(), post.image());
  }
}
