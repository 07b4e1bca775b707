package dev.contentfunctions.tables.posts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one change of a file writes to the posts table, decided without touching it: the file's next
 * source record and the items to put, delete or check, each under its condition. Pure, so that the
 * rules (former slugs redirect, names freed, claims ended) are the same for every {@link
 * PublicationRepository} and testable without a database; a repository commits the writes
 * atomically.
 *
 * @param source the file's record once the change is committed
 * @param writes in order; the first is always the source record's, conditioned on the revision read
 */
public record PublicationPlan(SourceFile source, List<Write> writes) {
  /** A removed file's record is kept this long, so that a late, older event cannot revive it. */
  public static final Duration TOMBSTONE_TTL = Duration.ofDays(30);

  /** DynamoDB's limit on the items of one transaction. */
  public static final int MAX_TRANSACTION_ITEMS = 100;

  /** Body parts of ~350 KB: keeps a transaction well under DynamoDB's 4 MB per transaction. */
  public static final int MAX_CONTENT_CHUNKS = 8;

  /** DynamoDB's limit on one item, attribute names included. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  public PublicationPlan {
    writes = List.copyOf(writes);
  }

  /** What a failed condition on an item means: {@code name}, held by another file's {@code heldBy}. */
  public record Conflict(String name, Map<String, AttributeValue> heldBy, String message) {}

  /** The condition an item must meet for the change to commit. */
  public sealed interface Condition {}

  /** No condition. */
  public record Always() implements Condition {}

  /** The item does not exist: a file's first record. */
  public record Absent() implements Condition {}

  /** The source record still has the revision read: no other event for the file was applied. */
  public record RevisionIs(long revision) implements Condition {}

  /** The item does not exist or is the file's own; otherwise {@code conflict}: the name is taken. */
  public record FreeOrOwnedBy(String sourceKey, Conflict conflict) implements Condition {}

  /** The item exists and is another file's: the name waited for is still held. */
  public record HeldByAnother(String sourceKey) implements Condition {}

  /**
   * One write: put {@code item}, delete the item of key {@code item}, only check it, or add to
   * numbers: {@code item} is then the key and, for each other attribute, the number to ADD to it
   * (the item and its counters are created if absent).
   */
  public record Write(Kind kind, Map<String, AttributeValue> item, Condition condition) {
    public enum Kind {
      PUT,
      DELETE,
      CHECK,
      ADD
    }

    static Write add(Map<String, AttributeValue> keyAndNumbers) {
      return new Write(Kind.ADD, keyAndNumbers, new Always());
    }

    static Write put(Map<String, AttributeValue> item, Condition condition) {
      return new Write(Kind.PUT, item, condition);
    }

    static Write delete(Map<String, AttributeValue> key) {
      return new Write(Kind.DELETE, key, new Always());
    }

    static Write check(Map<String, AttributeValue> key, Condition condition) {
      return new Write(Kind.CHECK, key, condition);
    }
  }

  /** The first failed condition that names a taken name means that; any other, a race. */
  public static RuntimeException explain(String sourceKey, List<Condition> failed) {
    for (Condition condition : failed) {
      if (condition instanceof FreeOrOwnedBy taken) {
        return new NameTakenException(taken.conflict());
      }
    }
    return new ConcurrentChangeException(sourceKey);
  }

  // ------------------------------------------------------------------ publish

  /**
   * @throws PublicationRefusedException the post is too large to store, or needs more items in one
   *     change than a transaction takes
   */
  public static PublicationPlan publish(
      Post post, SourceVersion version, Optional<SourceFile> previous, SlugClaim promoted, Instant now) {
    SourceFile prev = previous.orElse(null);
    String prevSlug = live(prev) ? prev.slug() : null;
    List<String> formerSlugs = formerSlugs(prev, prevSlug, post.slug());
    Set<String> redirects = new LinkedHashSet<>(post.aliases());
    redirects.addAll(formerSlugs);
    redirects.remove(post.slug());
    PostMapper.PostItems items = storable(post);
    SourceFile next =
        new SourceFile(
            version.key(),
            post.slug(),
            post.tags(),
            post.aliases(),
            formerSlugs,
            items.contentChunks().size(),
            version.sequencer(),
            revisionAfter(prev),
            false,
            null,
            released(prev, post.slug(), redirects),
            post.images().stream().map(ImageUse::key).toList(),
            counted(post, now));

    List<Write> writes = new ArrayList<>();
    writes.add(sourceWrite(next, prev, null));
    writeCounts(writes, prev, next);
    dropClaimsOf(writes, prev, promoted == null ? null : promoted.name());
    writes.add(
        Write.put(
            items.post(),
            ownedBy(version, post.slug(), PostMapper.postKey(post.slug()),
                "the slug '" + post.slug() + "' is already used by another file's post")));
    items.tags().forEach(tag -> writes.add(Write.put(tag, new Always())));
    items.contentChunks().forEach(chunk -> writes.add(Write.put(chunk, new Always())));
    replacePreviousItems(writes, prev, prevSlug, post, items.contentChunks().size());
    writeRedirects(writes, version, post, formerSlugs, redirects);
    if (prev != null) {
      redirectsOf(prev).stream()
          .filter(alias -> !redirects.contains(alias))
          .forEach(alias -> writes.add(Write.delete(PostMapper.aliasKey(alias))));
    }
    writeImageReferences(writes, version, post, prev);
    return within(new PublicationPlan(next, writes));
  }

  /**
   * A reference per image the post uses, and a check that each image's record is still the one the
   * HTML was rendered with; the references of images the version no longer uses are deleted.
   */
  private static void writeImageReferences(
      List<Write> writes, SourceVersion version, Post post, SourceFile prev) {
    for (ImageUse use : post.images()) {
      writes.add(
          Write.put(
              PostMapper.toItem(
                  new ImageReference(use.key(), version.key(), version.versionId(), version.sequencer())),
              new Always()));
      writes.add(
          Write.check(
              PostMapper.imageKey(use.key()),
              use.revision() == 0 ? new Absent() : new RevisionIs(use.revision())));
    }
    if (prev != null) {
      Set<String> used = new LinkedHashSet<>(post.images().stream().map(ImageUse::key).toList());
      prev.images().stream()
          .filter(key -> !used.contains(key))
          .forEach(key -> writes.add(Write.delete(PostMapper.imageReferenceKey(key, prev.key()))));
    }
  }

  /** The post's items, refused before any write if DynamoDB would refuse them on every retry. */
  private static PostMapper.PostItems storable(Post post) {
    PostMapper.PostItems items = PostMapper.toItems(post);
    if (items.contentChunks().size() > MAX_CONTENT_CHUNKS) {
      throw new PublicationRefusedException(
          "This post is too large to store once rendered, even compressed: split it into several posts.");
    }
    // The front matter's other keys are stored whole in the post item, next to a body of up to
    // 200 KB: together they can exceed the item limit.
    if (size(items.post()) > MAX_ITEM_BYTES) {
      throw new PublicationRefusedException(
          "This post's front matter is too large to store with it: move long text from the front"
              + " matter into the post.");
    }
    return items;
  }

  /** Under the same slug, only what the new version no longer has; under another, everything. */
  private static void replacePreviousItems(
      List<Write> writes, SourceFile prev, String prevSlug, Post post, int contentChunks) {
    if (prevSlug == null) {
      return;
    }
    if (post.slug().equals(prevSlug)) {
      prev.tags().stream()
          .filter(tag -> !post.tags().contains(tag))
          .forEach(tag -> writes.add(Write.delete(PostMapper.tagKey(prevSlug, tag))));
      for (int i = contentChunks; i < prev.contentChunks(); i++) {
        writes.add(Write.delete(PostMapper.contentChunkKey(prevSlug, i)));
      }
    } else {
      deletePostItems(writes, prev);
    }
  }

  /**
   * An alias item per redirect; a new front-matter alias must also not be another file's slug (a
   * former slug is this file's own, by the source record).
   */
  private static void writeRedirects(
      List<Write> writes, SourceVersion version, Post post, List<String> formerSlugs, Set<String> redirects) {
    for (String alias : redirects) {
      if (post.aliases().contains(alias) && !formerSlugs.contains(alias)) {
        writes.add(
            Write.check(
                PostMapper.postKey(alias),
                ownedBy(version, alias, PostMapper.postKey(alias),
                    "the alias '" + alias + "' is the slug of another file's post")));
      }
      writes.add(
          Write.put(
              PostMapper.aliasItem(alias, post.slug(), version.key()),
              ownedBy(version, alias, PostMapper.aliasKey(alias),
                  "the alias '" + alias + "' is already an alias of another file's post")));
    }
  }

  private static List<String> formerSlugs(SourceFile prev, String prevSlug, String slug) {
    Set<String> formerSlugs = new LinkedHashSet<>(prev == null ? List.of() : prev.formerSlugs());
    if (prevSlug != null) {
      formerSlugs.add(prevSlug);
    }
    formerSlugs.remove(slug);
    return List.copyOf(formerSlugs);
  }

  // ------------------------------------------------------------------ remove

  public static PublicationPlan remove(SourceVersion version, Optional<SourceFile> previous, Instant now) {
    SourceFile prev = previous.orElse(null);
    SourceFile tombstone =
        new SourceFile(
            version.key(),
            null,
            List.of(),
            List.of(),
            List.of(),
            0,
            version.sequencer(),
            revisionAfter(prev),
            true,
            null,
            released(prev, null, Set.of()),
            List.of());
    List<Write> writes = new ArrayList<>();
    writes.add(sourceWrite(tombstone, prev, now.plus(TOMBSTONE_TTL)));
    writeCounts(writes, prev, tombstone);
    dropClaimsOf(writes, prev, null);
    if (live(prev)) {
      deletePostItems(writes, prev);
      redirectsOf(prev).forEach(alias -> writes.add(Write.delete(PostMapper.aliasKey(alias))));
    }
    if (prev != null) {
      prev.images().forEach(key -> writes.add(Write.delete(PostMapper.imageReferenceKey(key, prev.key()))));
    }
    return within(new PublicationPlan(tombstone, writes));
  }

  // ------------------------------------------------------------------ wait

  public static PublicationPlan waitFor(
      NameTakenException taken, SourceVersion version, Optional<SourceFile> previous, Instant now) {
    SourceFile prev = previous.orElse(null);
    SourceFile waiting =
        prev == null
            ? new SourceFile(
                version.key(), null, List.of(), List.of(), List.of(), 0, version.sequencer(), 1, true,
                taken.name(), List.of(), List.of())
            : new SourceFile(
                version.key(),
                prev.slug(),
                prev.tags(),
                prev.aliases(),
                prev.formerSlugs(),
                prev.contentChunks(),
                version.sequencer(),
                revisionAfter(prev),
                prev.removed(),
                taken.name(),
                List.of(),
                prev.images(),
                prev.counted());
    List<Write> writes = new ArrayList<>();
    writes.add(sourceWrite(waiting, prev, null));
    dropClaimsOf(writes, prev, taken.name());
    writes.add(
        Write.put(
            PostMapper.toItem(
                new SlugClaim(taken.name(), version.key(), version.versionId(), version.sequencer(), now)),
            new Always()));
    writes.add(Write.check(taken.heldBy(), new HeldByAnother(version.key())));
    return within(new PublicationPlan(waiting, writes));
  }

  // ------------------------------------------------------------------ counts

  /**
   * What a post adds to the counts: one per tag and one for its month, unless a draft. Its entry
   * among the posts not yet due if its date (to the second, as listings decide) is after {@code
   * now}: readers take it off until then, so a scheduled post counts from its date on, with no job.
   */
  static SourceFile.Counted counted(Post post, Instant now) {
    return post.draft() ? SourceFile.Counted.NONE : counted(post.summary(), now);
  }

  private static SourceFile.Counted counted(PostSummary post, Instant now) {
    boolean due = !post.publishedAt().truncatedTo(ChronoUnit.SECONDS).isAfter(now.truncatedTo(ChronoUnit.SECONDS));
    return new SourceFile.Counted(
        post.tags(), post.publishedAt(), due ? null : PostMapper.dueSortKey(post.publishedAt(), post.slug()));
  }

  // ------------------------------------------------------------------ backfill

  /**
   * Counts the live, published post of a file whose record was written before the counts existed
   * (its share is none): the record gets the share, the counts get it added, in one transaction on
   * the record's revision, so a publish of the file racing it makes one of the two fail and be
   * tried again.
   *
   * @param post the file's live post as listed (not a draft)
   */
  public static PublicationPlan backfill(SourceFile source, PostSummary post, Instant now) {
    if (!source.counted().isNone() || source.removed() || !post.slug().equals(source.slug())) {
      throw new IllegalArgumentException("Only a live file's post not counted yet is backfilled: " + source.key());
    }
    SourceFile next =
        new SourceFile(
            source.key(), source.slug(), source.tags(), source.aliases(), source.formerSlugs(), source.contentChunks(),
            source.sequencer(), revisionAfter(source), false, source.waitingFor(), source.released(), source.images(),
            counted(post, now));
    List<Write> writes = new ArrayList<>();
    writes.add(sourceWrite(next, source, null));
    writeCounts(writes, source, next);
    return new PublicationPlan(next, writes);
  }

  /**
   * The counts move from the file's previous share to its next: one ADD of the differences to the
   * file's shard (none when they cancel out, as for an edit that keeps the tags and date), and the
   * previous not-yet-due entry replaced by the next one. ADD commutes, so concurrent publishes of
   * other files, in any order, leave exact sums; the file's own changes are ordered by its
   * revision.
   */
  private static void writeCounts(List<Write> writes, SourceFile prev, SourceFile next) {
    SourceFile.Counted before = prev == null ? SourceFile.Counted.NONE : prev.counted();
    SourceFile.Counted after = next.counted();
    Map<String, Long> tags = new TreeMap<>();
    Map<YearMonth, Long> months = new TreeMap<>();
    if (!before.isNone()) {
      before.tags().forEach(tag -> tags.merge(tag, -1L, Long::sum));
      months.merge(PostMapper.month(before.publishedAt()), -1L, Long::sum);
    }
    if (!after.isNone()) {
      after.tags().forEach(tag -> tags.merge(tag, 1L, Long::sum));
      months.merge(PostMapper.month(after.publishedAt()), 1L, Long::sum);
    }
    tags.values().removeIf(change -> change == 0);
    months.values().removeIf(change -> change == 0);
    if (!tags.isEmpty() || !months.isEmpty()) {
      writes.add(Write.add(PostMapper.countChanges(next.key(), tags, months)));
    }
    if (before.due() != null && !before.due().equals(after.due())) {
      writes.add(Write.delete(PostMapper.dueKey(before.due())));
    }
    if (after.due() != null) {
      writes.add(Write.put(PostMapper.dueItem(after), new Always()));
    }
  }

  // ------------------------------------------------------------------ shared rules

  private static Write sourceWrite(SourceFile next, SourceFile prev, Instant expiresAt) {
    return Write.put(
        PostMapper.toItem(next, expiresAt), prev == null ? new Absent() : new RevisionIs(prev.revision()));
  }

  private static Condition ownedBy(
      SourceVersion version, String name, Map<String, AttributeValue> heldBy, String message) {
    return new FreeOrOwnedBy(version.key(), new Conflict(name, heldBy, message));
  }

  private static boolean live(SourceFile prev) {
    return prev != null && !prev.removed();
  }

  /**
   * A new change to a file ends its claims: the one it waited with, and one kept for a report after
   * it was published through a claim (under its slug). {@code except}: a claim that stays.
   */
  private static void dropClaimsOf(List<Write> writes, SourceFile prev, String except) {
    if (prev == null) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    if (prev.waitingFor() != null) {
      names.add(prev.waitingFor());
    }
    if (prev.slug() != null) {
      names.add(prev.slug());
    }
    names.remove(except);
    names.forEach(name -> writes.add(Write.delete(PostMapper.claimKey(name, prev.key()))));
  }

  /**
   * The names a change frees: the former slug (its post item is gone, even if it now redirects) and
   * every redirect the file no longer has.
   */
  private static List<String> released(SourceFile prev, String slug, Set<String> redirects) {
    if (!live(prev)) {
      return List.of();
    }
    Set<String> released = new LinkedHashSet<>();
    if (!prev.slug().equals(slug)) {
      released.add(prev.slug());
    }
    redirectsOf(prev).stream()
        .filter(name -> !redirects.contains(name) && !name.equals(slug))
        .forEach(released::add);
    return List.copyOf(released);
  }

  private static void deletePostItems(List<Write> writes, SourceFile prev) {
    writes.add(Write.delete(PostMapper.postKey(prev.slug())));
    prev.tags().forEach(tag -> writes.add(Write.delete(PostMapper.tagKey(prev.slug(), tag))));
    for (int i = 0; i < prev.contentChunks(); i++) {
      writes.add(Write.delete(PostMapper.contentChunkKey(prev.slug(), i)));
    }
  }

  private static Set<String> redirectsOf(SourceFile source) {
    Set<String> redirects = new LinkedHashSet<>(source.aliases());
    redirects.addAll(source.formerSlugs());
    redirects.remove(source.slug());
    return redirects;
  }

  private static PublicationPlan within(PublicationPlan plan) {
    if (plan.writes().size() > MAX_TRANSACTION_ITEMS) {
      throw new PublicationRefusedException(
          "This post needs "
              + plan.writes().size()
              + " table entries in one change, more than the "
              + MAX_TRANSACTION_ITEMS
              + " allowed: use fewer tags, aliases or images (each image takes two).");
    }
    return plan;
  }

  /**
   * An item's size as DynamoDB counts it, for the types PostMapper writes (text, numbers, binary,
   * booleans, lists); numbers as their text, within a byte of DynamoDB's count for each.
   */
  static long size(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + size(attribute.getValue());
    }
    return bytes;
  }

  private static long size(AttributeValue value) {
    if (value.s() != null) {
      return value.s().getBytes(StandardCharsets.UTF_8).length;
    }
    if (value.n() != null) {
      return value.n().length();
    }
    if (value.b() != null) {
      return value.b().asByteArrayUnsafe().length;
    }
    if (value.hasL()) {
      // 3 bytes for the list, 1 per element.
      return 3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
    }
    return 1;
  }

  private static long revisionAfter(SourceFile prev) {
    return prev == null ? 1 : prev.revision() + 1;
  }
}
