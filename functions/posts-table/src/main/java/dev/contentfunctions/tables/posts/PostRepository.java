package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the read API reads of the posts table. Listings hold only published posts due at {@code
 * now} (never drafts, scheduled posts from their date on), newest first ({@link
 * ListPosition#NEWEST_FIRST}). The DynamoDB implementation is {@link DynamoDbPostRepository};
 * tests use the in-memory one of this module's test-jar; both pass one contract suite.
 */
public interface PostRepository {
  /**
   * No request reads more items than this, in all its Queries: the guard that keeps every route's
   * cost independent of the blog's size, whatever a listing holds.
   */
  int MAX_ITEMS_PER_READ = 2_000;

  /** Nor spends longer than this in one read's Queries: under a third of the function's 10 s. */
  long MAX_READ_MILLIS = 3_000;

  /** A post's address and when it last changed, for a sitemap. */
  record Dated(String slug, Instant lastModified) {}

  /** The entries of a sitemap page, and whether the page had to stop before its end. */
  record DatedPage(List<Dated> posts, boolean truncated) {
    public DatedPage {
      posts = List.copyOf(posts);
    }
  }

  /** A page of a listing, and whether more posts follow it. */
  record Page(List<PostSummary> posts, boolean hasMore) {
    public Page {
      posts = List.copyOf(posts);
    }
  }

  /** A post's summary and whether it is a draft: what deciding on its visibility needs. */
  record Listed(PostSummary summary, boolean draft) {
    /** Published and due, as {@link Post#isVisibleAt}. */
    public boolean isVisibleAt(Instant now) {
      return !draft && !summary.publishedAt().isAfter(now);
    }
  }

  /** The post stored under {@code slug}, whatever its state (the caller decides what is visible). */
  Optional<Post> findPost(Slug slug);

  /** The post under {@code slug} without its body: for routes that need only its tags and dates. */
  Optional<Listed> findSummary(Slug slug);

  /**
   * The HTML of the posts under {@code slugs} (at most 100), for the feed's full text. A post that
   * is gone is left out, and so may be one whose body is stored in parts (a very large one).
   */
  Map<String, String> findHtml(List<Slug> slugs);

  /** The current slug an old slug or alias redirects to. */
  Optional<Slug> findAliasTarget(Slug slug);

  /**
   * Up to {@code limit} posts of {@code listing} due at {@code now}, starting after {@code after}
   * (empty: from the newest).
   */
  Page page(Listing listing, Instant now, int limit, Optional<ListPosition> after);

  /**
   * Every post of {@code listing} due at {@code now}: for tests and tools. No route calls it, and
   * it gives up past {@link #MAX_ITEMS_PER_READ}.
   *
   * @throws ReadLimitExceededException the listing is longer than a read may be
   */
  List<PostSummary> all(Listing listing, Instant now);

  /**
   * How many published posts due at {@code now} carry each tag, and how many each month has:
   * the counts kept by the publisher, read in one Query whatever the number of posts.
   */
  TagCounts counts(Instant now);

  /**
   * The published posts of {@code month} (UTC) due at {@code now}, newest first, at most {@code
   * limit} (a sitemap page): their slugs and last change only.
   *
   * @return truncated if the month has more, or the read ran out of time: the page lists what was read
   */
  DatedPage month(YearMonth month, Instant now, int limit);

  /**
   * The published post due at {@code now} just before ({@code older}) or after {@code post} in date
   * order, if any. {@code post} itself may be unpublished (the author's preview).
   */
  Optional<PostSummary> neighbour(Post post, Instant now, boolean older);
}
