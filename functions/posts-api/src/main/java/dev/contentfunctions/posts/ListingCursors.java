package dev.contentfunctions.posts;

import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.Slug;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The cursors of the listings, one format for the JSON and the pages: a page's "Older posts" link
 * carries the cursor /posts answers for the same listing, so either can continue the other.
 */
public final class ListingCursors {
  private final CursorCodec codec;

  public ListingCursors(String hashingSecret) {
    this.codec = new CursorCodec(hashingSecret);
  }

  public String encode(ListPosition position, Listing listing) {
    return codec.encode(bound(listing), List.of(position.publishedAt().toString(), position.slug().value()));
  }

  /** Where a cursor this function wrote for {@code listing} says the next page starts; else a 400. */
  public ListPosition position(String cursor, Listing listing) {
    List<String> fields = codec.decode(cursor, bound(listing), 2);
    Optional<Slug> slug = Slug.parse(fields.get(1));
    try {
      if (slug.isPresent()) {
        return new ListPosition(Instant.parse(fields.get(0)), slug.get());
      }
    } catch (DateTimeParseException e) {
      // Signed with our key, so at most a format of ours that this code no longer reads.
    }
    throw CursorCodec.invalid();
  }

  /** What a cursor is bound to: it is refused on any other listing. */
  private static String bound(Listing listing) {
    return listing.tag().map(tag -> "posts:tag:" + tag.value()).orElse("posts");
  }
}
