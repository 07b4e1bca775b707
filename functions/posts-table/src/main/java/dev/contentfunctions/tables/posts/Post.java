package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A post as stored: what the author wrote in the front matter, the sanitised HTML and what is derived
 * from it. {@code updatedAt}, {@code author} and {@code image} may be null; lists and maps never are.
 *
 * @param extra front-matter keys this code does not know, kept as the author wrote them
 * @param contentHash changes whenever anything a reader sees changes: the basis of ETags
 * @param sourceKey the S3 key of the Markdown file the post came from
 * @param images the content bucket's images the HTML was rendered with (the publisher's, for the
 *     checks of its transaction); not stored in the post item, so empty when a post is read back
 */
public record Post(
    String slug,
    String title,
    String description,
    String excerpt,
    Instant publishedAt,
    Instant updatedAt,
    List<String> tags,
    String author,
    boolean draft,
    PostImage image,
    List<String> aliases,
    Map<String, Object> extra,
    String html,
    List<TocEntry> toc,
    int wordCount,
    int readingMinutes,
    String contentHash,
    String sourceKey,
    List<ImageUse> images) {

  public Post {
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
    extra = Map.copyOf(extra);
    toc = List.copyOf(toc);
    images = List.copyOf(images);
  }

  /** What a listing shows of this post. */
  public PostSummary summary() {
    return new PostSummary(slug, title, description, publishedAt, updatedAt, tags, readingMinutes, image);
  }

  /** Published and due: neither a draft nor scheduled after {@code now}. */
  public boolean isVisibleAt(Instant now) {
    return !draft && !publishedAt.isAfter(now);
  }
}
