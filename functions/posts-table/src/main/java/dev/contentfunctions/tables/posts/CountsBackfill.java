package dev.contentfunctions.tables.posts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Once, after deploying the version that keeps counts onto a table published before it: adds every
 * live published post (scheduled ones included) whose file's record has no share yet to the counts,
 * one transaction per file on its record's revision ({@link PublicationPlan#backfill}). Safe to run
 * while the new publisher publishes (a file it publishes first is counted by it and skipped here; a
 * race makes one of the two retry) and to run again (counted files are skipped). Not while a
 * publisher of the earlier version still runs: its writes do not keep the shares. A tool, not a
 * request path: it pages through the whole ByDate partition.
 *
 * <p>{@code java -cp <posts-table and its dependencies> dev.contentfunctions.tables.posts.CountsBackfill <table>},
 * with the usual AWS credentials and region (docs/posts-table.md, "Counts").
 */
public final class CountsBackfill {
  private static final int ATTEMPTS = 5;

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final PublicationRepository publications;

  public CountsBackfill(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.publications = new DynamoDbPublicationRepository(dynamoDb, table, clock);
  }

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: CountsBackfill <posts table name>");
      System.exit(2);
    }
    try (DynamoDbClient dynamoDb = DynamoDbClient.create()) {
      int counted = new CountsBackfill(dynamoDb, args[0], Clock.systemUTC()).run();
      System.out.println("counted " + counted + " posts");
    }
  }

  /** @return how many posts it added to the counts */
  public int run() {
    int counted = 0;
    // Every published post, those scheduled included: an upper bound past any date.
    QueryRequest next = PostMapper.listingQuery(table, Listing.published(), Instant.parse("9999-12-31T23:59:59Z")).build();
    while (true) {
      QueryResponse page = dynamoDb.query(next);
      for (Map<String, AttributeValue> item : page.items()) {
        if (count(PostMapper.summaryFromItem(item))) {
          counted++;
        }
      }
      if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
        return counted;
      }
      next = next.toBuilder().exclusiveStartKey(page.lastEvaluatedKey()).build();
    }
  }

  private boolean count(PostSummary post) {
    for (int attempt = 1; ; attempt++) {
      Map<String, AttributeValue> item =
          dynamoDb.getItem(r -> r.tableName(table).key(PostMapper.postKey(post.slug())).consistentRead(true)).item();
      if (item == null || item.isEmpty() || PostMapper.isDraft(item)) {
        return false;
      }
      Optional<SourceFile> source = publications.findSource(PostMapper.sourceKeyOf(item));
      if (source.isEmpty() || !source.get().counted().isNone() || source.get().removed()
          || !post.slug().equals(source.get().slug())) {
        return false;
      }
      try {
        publications.backfillCounts(source.get(), PostMapper.summaryFromItem(item));
        return true;
      } catch (ConcurrentChangeException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
