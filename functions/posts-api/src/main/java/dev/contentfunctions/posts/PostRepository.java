package dev.contentfunctions.posts;

import static dev.contentfunctions.tables.posts.PostMapper.BY_DATE_INDEX;

import dev.contentfunctions.kit.Backoff;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.PostSummary;
import java.time.Instant;
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
 * Reads the posts table for the API: every method is one GetItem, BatchGetItem (by key) or Query
 * (never a Scan); listings read the ByDate index, which holds summaries, never bodies. See
 * docs/posts-table.md.
 */
public final class PostRepository {
  /** How often keys DynamoDB left unprocessed (throttling) are asked for before giving up. */
  private static final int BATCH_ATTEMPTS = 3;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public PostRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** A page of a listing, newest first, and whether more posts follow it. */
  public record Page(List<PostSummary> posts, String lastSortKey, boolean hasMore) {}

  /** The post stored under {@code slug}, whatever its state (the caller decides what is visible). */
  public Optional<Post> findPost(String slug) {
    Map<String, AttributeValue> item =
        dynamoDb.getItem(r -> r.tableName(table).key(PostMapper.postKey(slug))).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    List<Map<String, AttributeValue>> chunks = List.of();
    if (PostMapper.contentChunks(item) > 0) {
      chunks = queryAll(
          QueryRequest.builder()
              .tableName(table)
              .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
              .expressionAttributeValues(
                  Map.of(
                      ":pk", AttributeValue.fromS(PostMapper.postPartition(slug)),
                      ":prefix", AttributeValue.fromS(PostMapper.contentChunkPrefix())))
              .build());
    }
    return Optional.of(PostMapper.fromItems(item, chunks));
  }

  /** A post's summary and whether it is a draft: what deciding on its visibility needs. */
  public record Listed(PostSummary summary, boolean draft) {
    /** Published and due, as {@link Post#isVisibleAt}. */
    public boolean isVisibleAt(Instant now) {
      return !draft && !summary.publishedAt().isAfter(now);
    }
  }

  /**
   * The post under {@code slug} without its body (a projection of the post item): for routes that
   * need only its tags and dates, so that its HTML is neither transferred nor decompressed.
   */
  public Optional<Listed> findSummary(String slug) {
    List<String> attributes =
        List.of(
            PostMapper.SLUG, PostMapper.TITLE, PostMapper.DESCRIPTION, PostMapper.PUBLISHED_AT,
            PostMapper.UPDATED_AT, PostMapper.TAGS, PostMapper.READING_MINUTES, PostMapper.IMAGE,
            PostMapper.DRAFT);
    Map<String, String> names = new HashMap<>();
    attributes.forEach(name -> names.put("#" + name, name));
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(
                r ->
                    r.tableName(table)
                        .key(PostMapper.postKey(slug))
                        .projectionExpression(String.join(", ", names.keySet()))
                        .expressionAttributeNames(names))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    AttributeValue draft = item.get(PostMapper.DRAFT);
    return Optional.of(
        new Listed(PostMapper.summaryFromItem(item), draft != null && Boolean.TRUE.equals(draft.bool())));
  }

  /**
   * The HTML of the posts under {@code slugs} (at most 100), with one BatchGetItem: for the feed's
   * full text. A post whose body is split into parts (a very large one) is left out, as is one
   * that is gone by now.
   *
   * @throws SdkClientException DynamoDB left keys unprocessed after every attempt (throttling)
   */
  public Map<String, String> findHtml(List<String> slugs) {
    Map<String, String> html = new HashMap<>();
    if (slugs.isEmpty()) {
      return html;
    }
    Map<String, KeysAndAttributes> request =
        Map.of(table, KeysAndAttributes.builder().keys(slugs.stream().map(PostMapper::postKey).toList()).build());
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

  /** The current slug an old slug or alias redirects to. */
  public Optional<String> findAliasTarget(String slug) {
    Map<String, AttributeValue> item =
        dynamoDb.getItem(r -> r.tableName(table).key(PostMapper.aliasKey(slug))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.ofNullable(PostMapper.aliasTarget(item));
  }

  /**
   * Up to {@code limit} posts of {@code list} due at {@code now}, newest first, starting after the
   * post whose sort key is {@code after} (null: from the newest). Reads one more than asked to know
   * whether another page exists, so that a listing never ends on an empty page.
   */
  public Page page(String list, Instant now, int limit, String after) {
    QueryRequest.Builder query = listingQuery(list, now).limit(limit + 1);
    if (after != null) {
      query.exclusiveStartKey(startKey(list, after));
    }
    List<Map<String, AttributeValue>> items = dynamoDb.query(query.build()).items();
    boolean hasMore = items.size() > limit;
    List<Map<String, AttributeValue>> page = hasMore ? items.subList(0, limit) : items;
    String last = page.isEmpty() ? null : page.get(page.size() - 1).get(PostMapper.LIST_SK).s();
    return new Page(page.stream().map(PostMapper::summaryFromItem).toList(), last, hasMore);
  }

  /** Every post of {@code list} due at {@code now}, newest first, reading all pages of the Query. */
  public List<PostSummary> all(String list, Instant now) {
    return queryAll(listingQuery(list, now).build()).stream().map(PostMapper::summaryFromItem).toList();
  }

  /** The published post just before ({@code older}) or after {@code post} by date, if any is due. */
  public Optional<PostSummary> neighbour(Post post, Instant now, boolean older) {
    String current = PostMapper.listSortKey(post.publishedAt(), post.slug());
    String due = PostMapper.listSortUpperBound(now);
    QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_DATE_INDEX);
    if (older) {
      query
          .keyConditionExpression("listPk = :list AND listSk < :current")
          .expressionAttributeValues(
              Map.of(
                  ":list", AttributeValue.fromS(PostMapper.PUBLISHED_LIST),
                  ":current", AttributeValue.fromS(current)))
          .scanIndexForward(false)
          .limit(1);
    } else {
      if (current.compareTo(due) > 0) {
        // A scheduled post (seen in preview): nothing due comes after it.
        return Optional.empty();
      }
      // Key conditions allow one range per query: BETWEEN includes the post itself, skipped below.
      query
          .keyConditionExpression("listPk = :list AND listSk BETWEEN :current AND :now")
          .expressionAttributeValues(
              Map.of(
                  ":list", AttributeValue.fromS(PostMapper.PUBLISHED_LIST),
                  ":current", AttributeValue.fromS(current),
                  ":now", AttributeValue.fromS(due)))
          .scanIndexForward(true)
          .limit(2);
    }
    return dynamoDb.query(query.build()).items().stream()
        .filter(item -> !current.equals(item.get(PostMapper.LIST_SK).s()))
        .findFirst()
        .map(PostMapper::summaryFromItem);
  }


  private QueryRequest.Builder listingQuery(String list, Instant now) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_DATE_INDEX)
        .keyConditionExpression("listPk = :list AND listSk <= :now")
        .expressionAttributeValues(
            Map.of(
                ":list", AttributeValue.fromS(list),
                ":now", AttributeValue.fromS(PostMapper.listSortUpperBound(now))))
        .scanIndexForward(false);
  }

  /** A GSI's ExclusiveStartKey holds the index keys and the table keys of the last item read. */
  private static Map<String, AttributeValue> startKey(String list, String sortKey) {
    String slug = sortKey.substring(sortKey.indexOf('#') + 1);
    Map<String, AttributeValue> key =
        new HashMap<>(
            PostMapper.PUBLISHED_LIST.equals(list)
                ? PostMapper.postKey(slug)
                : PostMapper.tagKey(slug, list.substring(PostMapper.tagList("").length())));
    key.put(PostMapper.LIST_PK, AttributeValue.fromS(list));
    key.put(PostMapper.LIST_SK, AttributeValue.fromS(sortKey));
    return key;
  }

  private List<Map<String, AttributeValue>> queryAll(QueryRequest request) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    QueryRequest next = request;
    while (true) {
      QueryResponse response = dynamoDb.query(next);
      items.addAll(response.items());
      if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
        return items;
      }
      next = next.toBuilder().exclusiveStartKey(response.lastEvaluatedKey()).build();
    }
  }
}
