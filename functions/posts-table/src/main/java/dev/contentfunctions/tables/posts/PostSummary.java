package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.util.List;

/** What a listing shows of a post: read from the ByDate index, which never carries the body. */
public record PostSummary(
    String slug,
    String title,
    String description,
    Instant publishedAt,
    Instant updatedAt,
    List<String> tags,
    int readingMinutes,
    PostImage image) {

  public PostSummary {
    tags = List.copyOf(tags);
  }
}
