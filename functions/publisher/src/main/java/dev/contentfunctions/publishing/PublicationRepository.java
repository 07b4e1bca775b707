package dev.contentfunctions.publishing;

import dev.contentfunctions.shared.posts.Post;
import dev.contentfunctions.shared.posts.PostMapper;
import dev.contentfunctions.shared.posts.SourceFile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
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
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   * @throws InvalidPostException the slug or an alias belongs to another file's post
   */
  public void publish(Post post, ObjectChange change, Optional<SourceFile> previous) {
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
            false);

    Transaction tx = new Transaction();
    tx.putSource(next, prev, null);
    tx.add(
        TransactWriteItem.builder()
            .put(
                p ->
                    p.tableName(table)
                        .item(items.post())
                        .conditionExpression("attribute_not_exists(pk) OR sourceKey = :key")
                        .expressionAttributeValues(Map.of(":key", AttributeValue.fromS(key))))
            .build(),
        "the slug '" + post.slug() + "' is already used by another file's post");
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
            "the alias '" + alias + "' is the slug of another file's post");
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
          "the alias '" + alias + "' is already an alias of another file's post");
    }
    if (prev != null) {
      redirectsOf(prev).stream()
          .filter(alias -> !redirects.contains(alias))
          .forEach(alias -> tx.delete(PostMapper.aliasKey(alias)));
    }
    tx.commit();
  }

  /**
   * Removes what the file produced and keeps a record that it was removed, under the same ordering
   * rule as {@link #publish}.
   *
   * @throws ConcurrentChangeException another event for this file was applied since {@code previous}
   */
  public void remove(ObjectChange change, Optional<SourceFile> previous) {
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
            true);
    Transaction tx = new Transaction();
    tx.putSource(tombstone, prev, clock.instant().plus(TOMBSTONE_TTL));
    if (prev != null && !prev.removed()) {
      deletePostItems(tx, prev);
      redirectsOf(prev).forEach(alias -> tx.delete(PostMapper.aliasKey(alias)));
    }
    tx.commit();
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

  /** The items of one transaction, each with what it means for the author if its condition fails. */
  private final class Transaction {
    private final List<TransactWriteItem> items = new ArrayList<>();
    private final List<String> conflictMessages = new ArrayList<>();
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
      conflictMessages.add(null);
    }

    void put(Map<String, AttributeValue> item) {
      add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build(), null);
    }

    void delete(Map<String, AttributeValue> key) {
      add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(key)).build(), null);
    }

    void add(TransactWriteItem item, String conflictMessage) {
      items.add(item);
      conflictMessages.add(conflictMessage);
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
      for (int i = 0; i < reasons.size() && i < conflictMessages.size(); i++) {
        if (CONDITION_FAILED.equals(reasons.get(i).code()) && conflictMessages.get(i) != null) {
          return new InvalidPostException("Not published: " + conflictMessages.get(i) + ".");
        }
      }
      // A failed source condition, or a conflict with another transaction in flight: both are races.
      return new ConcurrentChangeException(sourceKey);
    }
  }
}
