package dev.contentfunctions.tables.posts;

import dev.contentfunctions.tables.posts.PublicationPlan.Absent;
import dev.contentfunctions.tables.posts.PublicationPlan.Always;
import dev.contentfunctions.tables.posts.PublicationPlan.Condition;
import dev.contentfunctions.tables.posts.PublicationPlan.FreeOrOwnedBy;
import dev.contentfunctions.tables.posts.PublicationPlan.HeldByAnother;
import dev.contentfunctions.tables.posts.PublicationPlan.RevisionIs;
import dev.contentfunctions.tables.posts.PublicationPlan.Write;
import dev.contentfunctions.kit.Backoff;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The posts table in DynamoDB: each {@link PublicationPlan} is one transaction. */
public final class DynamoDbPublicationRepository implements PublicationRepository {
  private static final String CONDITION_FAILED = "ConditionalCheckFailed";

  private final DynamoDbClient dynamoDb;
  private final String table;
  private final Clock clock;

  public DynamoDbPublicationRepository(DynamoDbClient dynamoDb, String table, Clock clock) {
    this.dynamoDb = dynamoDb;
    this.table = table;
    this.clock = clock;
  }

  @Override
  public Optional<SourceFile> findSource(String key) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(PostMapper.sourceKey(key)).consistentRead(true))
            .item();
    return item == null || item.isEmpty()
        ? Optional.empty()
        : Optional.of(PostMapper.sourceFromItem(item));
  }

  @Override
  public SourceFile publish(
      Post post, SourceVersion version, Optional<SourceFile> previous, SlugClaim promoted) {
    return commit(PublicationPlan.publish(post, version, previous, promoted, clock.instant()));
  }

  @Override
  public SourceFile remove(SourceVersion version, Optional<SourceFile> previous) {
    return commit(PublicationPlan.remove(version, previous, clock.instant()));
  }

  @Override
  public SourceFile backfillCounts(SourceFile source, PostSummary post) {
    return commit(PublicationPlan.backfill(source, post, clock.instant()));
  }

  @Override
  public void waitFor(NameTakenException taken, SourceVersion version, Optional<SourceFile> previous) {
    commit(PublicationPlan.waitFor(taken, version, previous, clock.instant()));
  }

  @Override
  public List<SlugClaim> claims(String name) {
    List<SlugClaim> claims = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(table)
                    .keyConditionExpression(PostMapper.PARTITION_IS)
                    .expressionAttributeValues(
                        Map.of(PostMapper.PARTITION_VALUE, AttributeValue.fromS(PostMapper.claimPartition(name))))
                    .consistentRead(true))
        .items()
        .forEach(item -> claims.add(PostMapper.claimFromItem(item)));
    claims.sort(Comparator.comparing(SlugClaim::claimedAt).thenComparing(SlugClaim::sourceKey));
    return claims;
  }

  @Override
  public void dropClaim(SlugClaim claim) {
    try {
      dynamoDb.deleteItem(
          r -> {
            r.tableName(table).key(PostMapper.claimKey(claim.name(), claim.sourceKey()));
            if (claim.sequencer() == null) {
              r.conditionExpression(PostMapper.CLAIM_WITHOUT_SEQUENCER);
            } else {
              r.conditionExpression(PostMapper.CLAIM_OF_SEQUENCER)
                  .expressionAttributeValues(
                      Map.of(PostMapper.SEQUENCER_VALUE, AttributeValue.fromS(claim.sequencer())));
            }
          });
    } catch (ConditionalCheckFailedException e) {
      // Claimed again, by a newer version: that claim stays.
    }
  }

  @Override
  public Optional<ImageFile> findImage(String key) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(PostMapper.imageKey(key)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(PostMapper.imageFromItem(item));
  }

  @Override
  public Map<String, ImageFile> findImages(Collection<String> keys) {
    Map<String, ImageFile> found = new HashMap<>();
    // BatchGetItem takes 100 keys; a post's images are fewer than a transaction's 100 items.
    List<Map<String, AttributeValue>> pending =
        keys.stream().distinct().map(PostMapper::imageKey).toList();
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > 1) {
        Backoff.pause(attempt - 1);
      }
      List<Map<String, AttributeValue>> batch = pending;
      BatchGetItemResponse response =
          dynamoDb.batchGetItem(
              r -> r.requestItems(Map.of(table, KeysAndAttributes.builder().keys(batch).consistentRead(true).build())));
      response.responses().getOrDefault(table, List.of()).stream()
          .map(PostMapper::imageFromItem)
          .forEach(image -> found.put(image.key(), image));
      KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
      pending = unprocessed == null ? List.of() : unprocessed.keys();
    }
    return found;
  }

  @Override
  public void saveImage(ImageFile next, Optional<ImageFile> previous, Instant expiresAt) {
    try {
      dynamoDb.putItem(
          r -> {
            r.tableName(table).item(PostMapper.toItem(next, expiresAt));
            if (previous.isEmpty()) {
              r.conditionExpression(PostMapper.ABSENT);
            } else {
              r.conditionExpression(PostMapper.REVISION_IS)
                  .expressionAttributeValues(
                      Map.of(
                          PostMapper.REVISION_VALUE,
                          AttributeValue.fromN(Long.toString(previous.get().revision()))));
            }
          });
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentChangeException(next.key());
    }
  }

  @Override
  public boolean markNotice(String key, String fingerprint, Instant expiresAt) {
    try {
      dynamoDb.putItem(
          r -> r.tableName(table)
              .item(PostMapper.noticeItem(key, fingerprint, expiresAt))
              .conditionExpression(PostMapper.ABSENT));
      return true;
    } catch (ConditionalCheckFailedException alreadyMarked) {
      return false;
    }
  }

  @Override
  public List<ImageReference> imageReferences(String imageKey) {
    List<ImageReference> references = new ArrayList<>();
    dynamoDb
        .queryPaginator(
            r ->
                r.tableName(table)
                    .keyConditionExpression(PostMapper.PARTITION_IS)
                    .expressionAttributeValues(
                        Map.of(
                            PostMapper.PARTITION_VALUE,
                            AttributeValue.fromS(PostMapper.imageReferencePartition(imageKey))))
                    .consistentRead(true))
        .items()
        .forEach(item -> references.add(PostMapper.imageReferenceFromItem(item)));
    return references;
  }

  /** The plan's writes as one transaction; a cancelled one explained as a taken name or a race. */
  private SourceFile commit(PublicationPlan plan) {
    List<TransactWriteItem> items = plan.writes().stream().map(this::transactItem).toList();
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(items));
    } catch (TransactionCanceledException e) {
      throw PublicationPlan.explain(plan.source().key(), failedConditions(plan, e));
    }
    return plan.source();
  }

  /**
   * The conditions that failed, in the plan's order. A cancellation without a failed condition (a
   * conflict with another transaction in flight) is a race: no condition is named.
   */
  private static List<Condition> failedConditions(PublicationPlan plan, TransactionCanceledException e) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    List<Condition> failed = new ArrayList<>();
    for (int i = 0; i < reasons.size() && i < plan.writes().size(); i++) {
      if (CONDITION_FAILED.equals(reasons.get(i).code())) {
        failed.add(plan.writes().get(i).condition());
      }
    }
    return failed;
  }

  private TransactWriteItem transactItem(Write write) {
    Expression condition = expression(write.condition());
    return switch (write.kind()) {
      case PUT -> TransactWriteItem.builder()
          .put(
              Put.builder()
                  .tableName(table)
                  .item(write.item())
                  .conditionExpression(condition.text())
                  .expressionAttributeValues(condition.values())
                  .build())
          .build();
      case DELETE -> TransactWriteItem.builder()
          .delete(Delete.builder().tableName(table).key(write.item()).build())
          .build();
      case CHECK -> TransactWriteItem.builder()
          .conditionCheck(
              ConditionCheck.builder()
                  .tableName(table)
                  .key(write.item())
                  .conditionExpression(condition.text())
                  .expressionAttributeValues(condition.values())
                  .build())
          .build();
      case ADD -> TransactWriteItem.builder().update(add(write.item())).build();
    };
  }

  /** {@code ADD #n0 :n0, #n1 :n1, ...}: each number of the item added to the stored one. */
  private Update add(Map<String, AttributeValue> keyAndNumbers) {
    Map<String, AttributeValue> key = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> additions = new ArrayList<>();
    keyAndNumbers.forEach(
        (name, value) -> {
          if (name.equals(PostMapper.PK) || name.equals(PostMapper.SK)) {
            key.put(name, value);
          } else {
            int i = additions.size();
            names.put("#n" + i, name);
            values.put(":n" + i, value);
            additions.add("#n" + i + " :n" + i);
          }
        });
    return Update.builder()
        .tableName(table)
        .key(key)
        .updateExpression("ADD " + String.join(", ", additions))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  /** A condition as PostMapper spells it; null text and values when there is none. */
  private record Expression(String text, Map<String, AttributeValue> values) {}

  private static Expression expression(Condition condition) {
    if (condition instanceof Absent) {
      return new Expression(PostMapper.ABSENT, null);
    }
    if (condition instanceof RevisionIs revision) {
      return new Expression(
          PostMapper.REVISION_IS,
          Map.of(PostMapper.REVISION_VALUE, AttributeValue.fromN(Long.toString(revision.revision()))));
    }
    if (condition instanceof FreeOrOwnedBy owned) {
      return new Expression(
          PostMapper.FREE_OR_OWNED, Map.of(PostMapper.KEY_VALUE, AttributeValue.fromS(owned.sourceKey())));
    }
    if (condition instanceof HeldByAnother held) {
      return new Expression(
          PostMapper.HELD_BY_ANOTHER, Map.of(PostMapper.KEY_VALUE, AttributeValue.fromS(held.sourceKey())));
    }
    if (condition instanceof Always) {
      return new Expression(null, null);
    }
    throw new IllegalArgumentException("Unknown condition " + condition);
  }
}
