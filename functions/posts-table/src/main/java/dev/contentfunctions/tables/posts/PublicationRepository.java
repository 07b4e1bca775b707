package dev.contentfunctions.tables.posts;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publisher's writes to the posts table. Each publish or removal changes the post, its tag
 * entries, body parts, redirects and the file's source record together or not at all, so a reader
 * never sees a post without its body or an index entry pointing at nothing.
 *
 * <p>The source record carries a revision number: each change requires the revision it read, so two
 * events for the same file racing each other cannot both win (optimistic locking, no read-then-write
 * window). What is written is decided by {@link PublicationPlan}, the same for every implementation;
 * an implementation only commits a plan, atomically, under its conditions.
 */
public interface PublicationRepository {

  /** The record of a file, read consistently: it decides whether an event is stale. */
  Optional<SourceFile> findSource(String key);

  /**
   * Stores {@code post}, rendered from {@code version}, replacing what {@code previous} (the source
   * record read before) says the file produced.
   *
   * @param promoted the claim this publishes, when a waiting file gets its name; it is kept until
   *     its report is written ({@link #dropClaim}); null for a file's own event
   * @return the file's new record, with the names this change freed
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   * @throws NameTakenException the slug or an alias belongs to another file's post
   * @throws PublicationRefusedException the post is too large to store
   */
  SourceFile publish(Post post, SourceVersion version, Optional<SourceFile> previous, SlugClaim promoted);

  /**
   * Removes what the file produced and keeps a record that it was removed, under the same ordering
   * rule as {@link #publish}.
   *
   * @return the file's new record, with the names this change freed
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   */
  SourceFile remove(SourceVersion version, Optional<SourceFile> previous);

  /**
   * Records that {@code version} waits for {@code taken}'s name: the file's record takes the
   * version's sequencer (so older events are stale) and otherwise keeps what is live, and the claim
   * joins the name's queue. Only while the name is still held by the other file: if it was freed
   * meanwhile, this fails as a race and the caller publishes again.
   *
   * @throws ConcurrentChangeException another event for this file was applied since {@code
   *     previous}, or the name is no longer taken
   */
  void waitFor(NameTakenException taken, SourceVersion version, Optional<SourceFile> previous);

  /**
   * Adds a live file's post to the counts, for a record written before they existed ({@link
   * PublicationPlan#backfill}).
   *
   * @throws ConcurrentChangeException another event for this file was applied since {@code source} was read
   */
  SourceFile backfillCounts(SourceFile source, PostSummary post);

  /** The files waiting for {@code name}, oldest claim first (then by key: a fixed order). */
  List<SlugClaim> claims(String name);

  /** Removes a claim that is done with, unless a newer version of its file has claimed the name since. */
  void dropClaim(SlugClaim claim);

  /** The record of an image file, read consistently: it decides whether an event is stale. */
  Optional<ImageFile> findImage(String key);

  /** The records of the images a post uses, by key, read consistently; keys without one are absent. */
  Map<String, ImageFile> findImages(Collection<String> keys);

  /**
   * Stores an image's record, if it is still {@code previous} (the record read before).
   *
   * @param expiresAt when a removed image's record may go (a tombstone, as for files); null to keep it
   * @throws ConcurrentChangeException another event for the image was applied since {@code previous}
   */
  void saveImage(ImageFile next, Optional<ImageFile> previous, Instant expiresAt);

  /**
   * Marks that the author is told of an upload's outcome, once: true for the first call with this
   * key and fingerprint (a conditional write), false for every later one until {@code expiresAt}.
   */
  boolean markNotice(String key, String fingerprint, Instant expiresAt);

  /** The live posts' files that use an image, by key. */
  List<ImageReference> imageReferences(String imageKey);
}
