package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/**
 * Where a post stands in a listing: listings run newest first, then by slug (descending), at the
 * second; the next page starts after a position.
 */
public record ListPosition(Instant publishedAt, Slug slug) {
  /** Listing order: newest first; at the same second, the slug that sorts last first. */
  public static final Comparator<ListPosition> NEWEST_FIRST =
      Comparator.comparing((ListPosition p) -> p.publishedAt().truncatedTo(ChronoUnit.SECONDS))
          .thenComparing(p -> p.slug().value())
          .reversed();

  public static ListPosition of(PostSummary post) {
    return new ListPosition(post.publishedAt(), new Slug(post.slug()));
  }
}
