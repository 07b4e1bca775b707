package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.util.List;

/**
 * The publisher's record of one Markdown file in the content bucket: which post it produced and the
 * S3 sequencer of the last event applied, so that an older or repeated event never overwrites a newer
 * version. Kept (as removed) after a delete, for the same reason.
 *
 * @param slug the post's current slug; null once removed (or while a new file waits for its slug)
 * @param aliases the front matter's aliases
 * @param formerSlugs slugs the post had before; like aliases, they redirect to {@code slug}
 * @param contentChunks how many separate content items the post's body uses (0: stored inline)
 * @param sequencer the normalised sequencer of the last applied event; null if events had none
 * @param revision incremented by every write: the optimistic lock for concurrent events
 * @param removed nothing of this file is published (deleted, or new and waiting)
 * @param waitingFor the name (slug or alias) another file's post holds, which the last applied
 *     version of this file waits for (its {@link SlugClaim}); null when not waiting
 * @param released names the last applied event freed, whose waiting files are then published; kept
 *     so that a retry of that event finishes the job
 * @param images the keys of the images the live post uses (each has an {@link ImageReference})
 * @param counted what the live post adds to the tag and month counts ({@link TagCounts}): what a
 *     later change of the file takes back
 */
public record SourceFile(
    String key,
    String slug,
    List<String> tags,
    List<String> aliases,
    List<String> formerSlugs,
    int contentChunks,
    String sequencer,
    long revision,
    boolean removed,
    String waitingFor,
    List<String> released,
    List<String> images,
    Counted counted) {

  /**
   * A post's share of the counts: one for each of its tags and one for its month, from {@code
   * publishedAt} on. Nothing for a draft, a removed file, or a record written before the counts
   * existed.
   *
   * @param due the sort key of the post's entry among the posts not yet due ({@code
   *     TagCounts#dueEntry}), when it was scheduled as written; null otherwise
   */
  public record Counted(List<String> tags, Instant publishedAt, String due) {
    public static final Counted NONE = new Counted(List.of(), null, null);

    public Counted {
      tags = List.copyOf(tags);
    }

    public boolean isNone() {
      return publishedAt == null;
    }
  }

  /** A record that counts nothing (a draft's, a removed or waiting file's). */
  public SourceFile(
      String key,
      String slug,
      List<String> tags,
      List<String> aliases,
      List<String> formerSlugs,
      int contentChunks,
      String sequencer,
      long revision,
      boolean removed,
      String waitingFor,
      List<String> released,
      List<String> images) {
    this(key, slug, tags, aliases, formerSlugs, contentChunks, sequencer, revision, removed, waitingFor, released,
        images, Counted.NONE);
  }

  public SourceFile {
    counted = counted == null ? Counted.NONE : counted;
    tags = List.copyOf(tags);
    aliases = List.copyOf(aliases);
    formerSlugs = List.copyOf(formerSlugs);
    released = List.copyOf(released);
    images = List.copyOf(images);
  }
}
