package dev.contentfunctions.tables.posts;

import java.util.Optional;

/** Which posts a listing shows: every published post, or one tag's. */
public record Listing(Optional<Slug> tag) {
  private static final Listing PUBLISHED = new Listing(Optional.empty());

  public static Listing published() {
    return PUBLISHED;
  }

  public static Listing tagged(Slug tag) {
    return new Listing(Optional.of(tag));
  }

  public boolean includes(PostSummary post) {
    return tag.map(t -> post.tags().contains(t.value())).orElse(true);
  }
}
