package dev.contentfunctions.publishing;

import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.SlugClaim;
import dev.contentfunctions.tables.posts.SourceFile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Writes posts to the posts table. Each publish or removal is one transaction: the post, its tag
 * entries, body parts, redirects and the source record change together or not at all, so a reader
 * never sees a post without its body or an index entry pointing at nothing.
 *
 * <p>The source record carries a revision number: each transaction requires the revision it read, so
 * two events for the same file racing each other cannot both win (optimistic locking, no
 * read-then-write window).
 */
public final class PublicationRepository {
  /** A removed file's record is kept this long, so that a late, older event cannot revive it. */
  static final Duration TOMBSTONE_TTL = Duration.ofDays(30);

  /** DynamoDB's limit on the items of one transaction. */
  static final int MAX_TRANSACTION_ITEMS = 100;

  /** Body parts of ~350 KB: keeps a transaction well under DynamoDB's 4 MB per transaction. */
  static final int MAX_CONTENT_CHUNKS = 8;

  /** DynamoDB's limit on one item, attribute names included. */
  static final int MAX_ITEM_BYTES = 400 * 1024;

  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public PublicationRepository(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  /** The record of a file, read consistently: it decides whether an event is stale. */
  public Optional<SourceFile> findSource(String key) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(PostMapper.sourceKey(key)).consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(PostMapper.sourceFromItem(item));
  }

  /**
   * Stores the post rendered from {@code change}, replacing what {@code previous} (the source record
   * read before) says the file produced.
   *
   * @param promoted the claim this publishes, when a waiting file gets its name; it is kept until
   *     its report is written ({@link #dropClaim}); null for a file's own event
   * @return the file's new record, with the names this change freed
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   * @throws NameTakenException the slug or an alias belongs to another file's post
   * @throws InvalidPostException the post is too large to store
   */
  public SourceFile publish(
      Post post, ObjectChange change, Optional<SourceFile> previous, SlugClaim promoted) {
    String key = change.key();
    SourceFile prev = previous.orElse(null);
    String prevSlug = prev == null || prev.removed() ? null : prev.slug();

    Set<String> formerSlugs = new LinkedHashSet<>(prev == null ? List.of() : prev.formerSlugs());
    if (prevSlug != null) {
      formerSlugs.add(prevSlug);
    }
    formerSlugs.remove(post.slug());
    Set<String> redirects = new LinkedHashSet<>(post.aliases());
    redirects.addAll(formerSlugs);
    redirects.remove(post.slug());

    PostMapper.PostItems items = PostMapper.toItems(post);
    if (items.contentChunks().size() > MAX_CONTENT_CHUNKS) {
      throw new InvalidPostException(
          "This post is too large to store once rendered, even compressed: split it into several posts.");
    }
    // The front matter's other keys are stored whole in the post item, next to a body of up to
    // 200 KB: together they can exceed the item limit, which DynamoDB would refuse on every retry.
    if (size(items.post()) > MAX_ITEM_BYTES) {
      throw new InvalidPostException(
          "This post's front matter is too large to store with it: move long text from the front"
              + " matter into the post.");
    }
    SourceFile next =
        new SourceFile(
            key,
            post.slug(),
            post.tags(),
            post.aliases(),
            List.copyOf(formerSlugs),
            items.contentChunks().size(),
            change.sequencer(),
            revisionAfter(prev),
            false,
            null,
            released(prev, post.slug(), redirects));

    Transaction tx = new Transaction();
    tx.putSource(next, prev, null);
    if (prev != null) {
      dropClaimsOf(tx, prev, promoted == null ? null : promoted.name());
    }
    tx.add(
        TransactWriteItem.builder()
            .put(
                p ->
                    p.tableName(table)
                        .item(items.post())
                        .conditionExpression("attribute_not_exists(pk) OR sourceKey = :key")
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
            .build(),
        new Conflict(
            post.slug(),
            PostMapper.postKey(post.slug()),
            "the slug '" + post.slug() + "' is already used by another file's post"));
    items.tags().forEach(tx::put);
    items.contentChunks().forEach(tx::put);

    if (prev != null && post.slug().equals(prevSlug)) {
      prev.tags().stream()
          .filter(tag -> !post.tags().contains(tag))
          .forEach(tag -> tx.delete(PostMapper.tagKey(prevSlug, tag)));
      for (int i = items.contentChunks().size(); i < prev.contentChunks(); i++) {
        tx.delete(PostMapper.contentChunkKey(prevSlug, i));
      }
    } else if (prevSlug != null) {
      deletePostItems(tx, prev);
    }

    for (String alias : redirects) {
      if (post.aliases().contains(alias) && !formerSlugs.contains(alias)) {
        tx.add(
            TransactWriteItem.builder()
                .conditionCheck(
                    c ->
                        c.tableName(table)
                            .key(PostMapper.postKey(alias))
                            .conditionExpression("attribute_not_exists(pk) OR sourceKey = :key")
                            .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
                .build(),
            new Conflict(
                alias,
                PostMapper.postKey(alias),
                "the alias '" + alias + "' is the slug of another file's post"));
      }
      tx.add(
          TransactWriteItem.builder()
              .put(
                  p ->
                      p.tableName(table)
                          .item(PostMapper.aliasItem(alias, post.slug(), key))
                          .conditionExpression("attribute_not_exists(pk) OR sourceKey = :key")
                          .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
              .build(),
          new Conflict(
              alias,
              PostMapper.aliasKey(alias),
              "the alias '" + alias + "' is already an alias of another file's post"));
    }
    if (prev != null) {
      redirectsOf(prev).stream()
          .filter(alias -> !redirects.contains(alias))
          .forEach(alias -> tx.delete(PostMapper.aliasKey(alias)));
    }
    tx.commit();
    return next;
  }

  /**
   * Removes what the file produced and keeps a record that it was removed, under the same ordering
   * rule as {@link #publish}.
   *
   * @return the file's new record, with the names this change freed
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   */
  public SourceFile remove(ObjectChange change, Optional<SourceFile> previous) {
    SourceFile prev = previous.orElse(null);
    SourceFile tombstone =
        new SourceFile(
            change.key(),
            null,
            List.of(),
            List.of(),
            List.of(),
            0,
            change.sequencer(),
            revisionAfter(prev),
            true,
            null,
            released(prev, null, Set.of()));
    Transaction tx = new Transaction();
    tx.putSource(tombstone, prev, clock.instant().plus(TOMBSTONE_TTL));
    if (prev != null) {
      dropClaimsOf(tx, prev, null);
    }
    if (prev != null && !prev.removed()) {
      deletePostItems(tx, prev);
      redirectsOf(prev).forEach(alias -> tx.delete(PostMapper.aliasKey(alias)));
    }
    tx.commit();
    return tombstone;
  }

  /**
   * Records that the version {@code change} announces waits for {@code taken}'s name: the file's
   * record takes the event's sequencer (so older events are stale) and otherwise keeps what is live,
   * and the claim joins the name's queue. Only while the name is still held by the other file: if
   * it was freed meanwhile, this fails as a race and the caller publishes again.
   *
   * @throws ConcurrentChangeException another event for this file was applied since {@code
   *     previous}, or the name is no longer taken
   */
  public void waitFor(NameTakenException taken, ObjectChange change, Optional<SourceFile> previous) {
    String key = change.key();
    SourceFile prev = previous.orElse(null);
    SourceFile waiting =
        prev == null
            ? new SourceFile(
                key, null, List.of(), List.of(), List.of(), 0, change.sequencer(), 1, true, taken.name(), List.of())
            : new SourceFile(
                key,
                prev.slug(),
                prev.tags(),
                prev.aliases(),
                prev.formerSlugs(),
                prev.contentChunks(),
                change.sequencer(),
                revisionAfter(prev),
                prev.removed(),
                taken.name(),
                List.of());
    Transaction tx = new Transaction();
    tx.putSource(waiting, prev, null);
    if (prev != null) {
      dropClaimsOf(tx, prev, taken.name());
    }
    tx.put(
        PostMapper.toItem(
            new SlugClaim(taken.name(), key, change.versionId(), change.sequencer(), clock.instant())));
    tx.add(
        TransactWriteItem.builder()
            .conditionCheck(
                c ->
                    c.tableName(table)
                        .key(taken.heldBy())
                        .conditionExpression("attribute_exists(pk) AND sourceKey <> :key")
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
            .build(),
        null);
    tx.commit();
  }

  /** The files waiting for {@code name}, oldest claim first (then by key: a fixed order). */
  public List<SlugClaim> claims(String name) {
    List<SlugClaim> claims = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(PostMapper.claimPartition(name))))
                    .consistentRead(true))
        .items()
        .forEach(item -> claims.add(PostMapper.claimFromItem(item)));
    claims.sort(Comparator.comparing(SlugClaim::claimedAt).thenComparing(SlugClaim::sourceKey));
    return claims;
  }

  /** Removes a claim that is done with, unless a newer version of its file has claimed the name since. */
  public void dropClaim(SlugClaim claim) {
    try {
      dynamoDb.deleteItem(
          r -> {
            r.tableName(table).key(PostMapper.claimKey(claim.name(), claim.sourceKey()));
            if (claim.sequencer() == null) {
              r.conditionExpression("attribute_not_exists(sequencer)");
            } else {
              r.conditionExpression("attribute_not_exists(pk) OR sequencer = :sequencer")
                  .expressionAttributeValues(
                      Map.of(":sequencer", AttributeValue.fromS(claim.sequencer())));
            }
          });
    } catch (ConditionalCheckFailedException e) {
      // Claimed again, by a newer version: that claim stays.
    }
  }

  /**
   * A new change to a file ends its claims: the one it waited with, and one kept for a report after
   * it was published through a claim (under its slug). {@code except}: a claim that stays.
   */
  private static void dropClaimsOf(Transaction tx, SourceFile prev, String except) {
    Set<String> names = new LinkedHashSet<>();
    if (prev.waitingFor() != null) {
      names.add(prev.waitingFor());
    }
    if (prev.slug() != null) {
      names.add(prev.slug());
    }
    names.remove(except);
    names.forEach(name -> tx.delete(PostMapper.claimKey(name, prev.key())));
  }

  /**
   * The names a change frees: the former slug (its post item is gone, even if it now redirects) and
   * every redirect the file no longer has.
   */
  private static List<String> released(SourceFile prev, String slug, Set<String> redirects) {
    if (prev == null || prev.removed()) {
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

  private static void deletePostItems(Transaction tx, SourceFile prev) {
    tx.delete(PostMapper.postKey(prev.slug()));
    prev.tags().forEach(tag -> tx.delete(PostMapper.tagKey(prev.slug(), tag)));
    for (int i = 0; i < prev.contentChunks(); i++) {
      tx.delete(PostMapper.contentChunkKey(prev.slug(), i));
    }
  }

  private static Set<String> redirectsOf(SourceFile source) {
    Set<String> redirects = new LinkedHashSet<>(source.aliases());
    redirects.addAll(source.formerSlugs());
    redirects.remove(source.slug());
    return redirects;
  }

  /**
   * An item's size as DynamoDB counts it, for the types PostMapper writes (text, numbers, binary,
   * booleans, lists); numbers as their text, within a byte of DynamoDB's count for each.
   */
  private static long size(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes +=
          attribute.getKey().getBytes(StandardCharsets.UTF_8).length + size(attribute.getValue());
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

  /** Another event for the same file won the race; re-read the source record and decide again. */
  public static final class ConcurrentChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConcurrentChangeException(String key) {
      super("Another event for " + key + " was applied concurrently");
    }
  }

  /**
   * A name of another file's post refused this one: the name, the item holding it, and what that
   * means for the author.
   */
  public static final class NameTakenException extends InvalidPostException {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final transient Map<String, AttributeValue> heldBy;

    NameTakenException(Conflict conflict) {
      super("Not published: " + conflict.message() + ".");
      this.name = conflict.name();
      this.heldBy = conflict.heldBy();
    }

    public String name() {
      return name;
    }

    Map<String, AttributeValue> heldBy() {
      return heldBy;
    }
  }

  /** What a failed condition on an item means: {@code name}, held by another file's {@code heldBy}. */
  private record Conflict(String name, Map<String, AttributeValue> heldBy, String message) {}

  /** The items of one transaction, each with what it means for the author if its condition fails. */
  private final class Transaction {
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private String sourceKey;

    void putSource(SourceFile next, SourceFile prev, java.time.Instant expiresAt) {
      sourceKey = next.key();
      Map<String, AttributeValue> item = PostMapper.toItem(next, expiresAt);
      items.add(
          TransactWriteItem.builder()
              .put(
                  p -> {
                    p.tableName(table).item(item);
                    if (prev == null) {
                      p.conditionExpression("attribute_not_exists(pk)");
                    } else {
                      p.conditionExpression("revision = :revision")
                          .expressionAttributeValues(
                              Map.of(":revision", AttributeValue.fromN(Long.toString(prev.revision()))));
                    }
                  })
              .build());
      conflicts.add(null);
    }

    void put(Map<String, AttributeValue> item) {
      add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(), null);
    }

    void delete(Map<String, AttributeValue> key) {
      add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build(), null);
    }

    void add(TransactWriteItem item, Conflict conflict) {
      items.add(item);
      conflicts.add(conflict);
    }

    void commit() {
      if (items.size() > MAX_TRANSACTION_ITEMS) {
        throw new InvalidPostException(
            "This post needs "
                + items.size()
                + " table entries in one change, more than the "
                + MAX_TRANSACTION_ITEMS
                + " allowed: use fewer tags or aliases.");
      }
      try {
        dynamoDb.transactWriteItems(r -> r.transactItems(items));
      } catch (TransactionCanceledException e) {
        throw explain(e);
      }
    }

    /** The source record's condition failing means a race; any other, a slug or alias taken. */
    private RuntimeException explain(TransactionCanceledException e) {
      List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
      for (int i = 0; i < reasons.size() && i < conflicts.size(); i++) {
        if (CONDITION_FAILED.equals(reasons.get(i).code()) && conflicts.get(i) != null) {
          return new NameTakenException(conflicts.get(i));
        }
      }
      // A failed source condition, or a conflict with another transaction in flight: both are races.
      return new ConcurrentChangeException(sourceKey);
    }
  }
}
