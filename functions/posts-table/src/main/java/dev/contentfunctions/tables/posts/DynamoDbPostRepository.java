package dev.contentfunctions.tables.posts;

import dev.contentfunctions.kit.Backoff;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The read side on DynamoDB: every method is one GetItem, BatchGetItem (by key) or Query (never a
 * Scan); listings read the ByDate index, which holds summaries, never bodies. Keys, expressions and
 * attribute names are {@link PostMapper}'s. See docs/posts-table.md.
 */
public final class DynamoDbPostRepository implements PostRepository {
  /** How often keys DynamoDB left unprocessed (throttling) are asked for before giving up. */
  private static final int BATCH_ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbPostRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<Post> findPost(Slug slug) {
    Map<String, AttributeValue> item =
        dynamoDb.getItem(r -> r.tableName(table).key(PostMapper.postKey(slug.value()))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, AttributeValue>> chunks =
        PostMapper.contentChunks(item) > 0
            ? queryAll(PostMapper.contentChunksQuery(table, slug.value()).build(), "body of " + slug.value())
            : List.of();
    return Optional.of(PostMapper.fromItems(item, chunks));
  }

  @Override
  public Optional<Listed> findSummary(Slug slug) {
    Map<String, AttributeValue> item = dynamoDb.getItem(PostMapper.summaryGet(table, slug.value()).build()).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Listed(PostMapper.summaryFromItem(item), PostMapper.isDraft(item)));
  }

  /** @throws SdkClientException DynamoDB left keys unprocessed after every attempt (throttling) */
  @Override
  public Map<String, String> findHtml(List<Slug> slugs) {
    Map<String, String> html = new HashMap<>();
    if (slugs.isEmpty()) {
      return html;
    }
    Map<String, KeysAndAttributes> request =
        Map.of(
            table,
            KeysAndAttributes.builder().keys(slugs.stream().map(slug -> PostMapper.postKey(slug.value())).toList()).build());
    for (int attempt = 1; !request.isEmpty(); attempt++) {
      if (attempt > BATCH_ATTEMPTS) {
        throw SdkClientException.create("DynamoDB left posts of the feed unprocessed after " + BATCH_ATTEMPTS + " attempts");
      }
      if (attempt > 1) {
        Backoff.pause(attempt);
      }
      Map<String, KeysAndAttributes> next = request;
      BatchGetItemResponse response = dynamoDb.batchGetItem(r -> r.requestItems(next));
      for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
        if (PostMapper.contentChunks(item) == 0) {
          Post post = PostMapper.fromItems(item, List.of());
          html.put(post.slug(), post.html());
        }
      }
      request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
    }
    return html;
  }

  @Override
  public Optional<Slug> findAliasTarget(Slug slug) {
    Map<String, AttributeValue> item =
        dynamoDb.getItem(r -> r.tableName(table).key(PostMapper.aliasKey(slug.value()))).item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(PostMapper.aliasTarget(item)).flatMap(Slug::parse);
  }

  /** Reads one more than asked to know whether another page exists: a listing never ends on an empty page. */
  @Override
  public Page page(Listing listing, Instant now, int limit, Optional<ListPosition> after) {
    QueryRequest.Builder query = PostMapper.listingQuery(table, listing, now).limit(limit + 1);
    after.ifPresent(position -> query.exclusiveStartKey(PostMapper.listingStartKey(listing, position)));
    List<Map<String, AttributeValue>> items = dynamoDb.query(query.build()).items();
    boolean hasMore = items.size() > limit;
    List<Map<String, AttributeValue>> page = hasMore ? items.subList(0, limit) : items;
    return new Page(page.stream().map(PostMapper::summaryFromItem).toList(), hasMore);
  }

  @Override
  public List<PostSummary> all(Listing listing, Instant now) {
    return queryAll(PostMapper.listingQuery(table, listing, now).build(), "listing " + PostMapper.listPartition(listing))
        .stream()
        .map(PostMapper::summaryFromItem)
        .toList();
  }

  @Override
  public TagCounts counts(Instant now) {
    return PostMapper.countsFromItems(queryAll(PostMapper.countsQuery(table, now).build(), "counts"));
  }

  /**
   * Pages of the month's Query until {@code limit} posts are read (one more tells whether the month
   * has more) or the time allowed is spent: a sitemap page is bounded whatever the month holds.
   */
  @Override
  public DatedPage month(YearMonth month, Instant now, int limit) {
    QueryRequest.Builder query = PostMapper.monthQuery(table, month, now);
    if (query == null) {
      return new DatedPage(List.of(), false);
    }
    long deadline = System.nanoTime() + MAX_READ_MILLIS * 1_000_000;
    int wanted = Math.min(limit, MAX_ITEMS_PER_READ);
    List<Dated> posts = new ArrayList<>();
    QueryRequest next = query.limit(wanted + 1).build();
    while (true) {
      QueryResponse response = dynamoDb.query(next);
      response.items().forEach(item -> posts.add(PostMapper.datedFromItem(item)));
      if (posts.size() > wanted) {
        return new DatedPage(posts.subList(0, wanted), true);
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return new DatedPage(posts, false);
      }
      if (System.nanoTime() > deadline) {
        return new DatedPage(posts, true);
      }
      next = next.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).limit(wanted + 1 - posts.size()).build();
    }
  }

  @Override
  public Optional<PostSummary> neighbour(Post post, Instant now, boolean older) {
    if (!older && PostMapper.isAfterListingsAt(post, now)) {
      return Optional.empty();
    }
    return dynamoDb.query(PostMapper.neighbourQuery(table, post, now, older).build()).items().stream()
        .filter(item -> !PostMapper.isListSortKey(item, post))
        .findFirst()
        .map(PostMapper::summaryFromItem);
  }

  /**
   * Every page of a Query, within the guard: past {@link #MAX_ITEMS_PER_READ} items or {@link
   * #MAX_READ_MILLIS}, it stops and says so ({@code what} names the read for the log).
   */
  private List<Map<String, AttributeValue>> queryAll(QueryRequest request, String what) {
    long deadline = System.nanoTime() + MAX_READ_MILLIS * 1_000_000;
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    QueryRequest next = request;
    while (true) {
      QueryResponse response = dynamoDb.query(next);
      items.addAll(response.items());
      if (items.size() > MAX_ITEMS_PER_READ) {
        throw new ReadLimitExceededException(what + ": more than " + MAX_ITEMS_PER_READ + " items");
      }
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return items;
      }
      if (System.nanoTime() > deadline) {
        throw new ReadLimitExceededException(what + ": over " + MAX_READ_MILLIS + " ms");
      }
      next = next.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
    }
  }
}
