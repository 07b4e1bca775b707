package dev.contentfunctions.coach;

import static dev.contentfunctions.tables.consultations.ConsultationMapper.BY_EMAIL_INDEX;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.BY_STATUS_INDEX;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.EMAIL_PK;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.HANDLED_AT;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.PK;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.SK;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.STATUS;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.STATUS_PK;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.STATUS_SK;

import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The coach's reads and writes of the consultations table: every read is a Query of an index (never
 * a Scan), every write one conditional UpdateItem or DeleteItem. Names and keys come from {@link
 * ConsultationMapper}.
 */
public final class ConsultationRepository {
  /**
   * Items per Query call when every page is read (export, erasure): each call stays small and quick
   * whatever the messages' length, well inside the interactive client's one-second attempt timeout.
   */
  static final int READ_PAGE_SIZE = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public ConsultationRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** Where a listing's page ended: the last request shown, by what orders the listing. */
  public record Position(Instant receivedAt, String id) {}

  /** A page of one status's requests, newest first, and whether more follow it. */
  public record Page(List<Consultation> consultations, boolean hasMore) {}

  /**
   * Up to {@code limit} requests of {@code status}, newest first, starting after {@code after}
   * (null: from the newest). Reads one more than asked to know whether another page exists, so that
   * a listing never ends on an empty page.
   */
  public Page page(Consultation.Status status, int limit, Position after) {
    QueryRequest.Builder query = byStatus(status).limit(limit + 1);
    if (after != null) {
      query.exclusiveStartKey(startKey(status, after));
    }
    List<Map<String, AttributeValue>> items = dynamoDb.query(query.build()).items();
    boolean hasMore = items.size() > limit;
    List<Map<String, AttributeValue>> page = hasMore ? items.subList(0, limit) : items;
    return new Page(page.stream().map(ConsultationMapper::fromItem).toList(), hasMore);
  }

  /** Every request of {@code status}, newest first, reading all pages of the Query. */
  public List<Consultation> all(Consultation.Status status) {
    return dynamoDb.queryPaginator(byStatus(status).limit(READ_PAGE_SIZE).build()).items().stream()
        .map(ConsultationMapper::fromItem)
        .toList();
  }

  /**
   * Marks the request handled and moves it to the handled listing (its sort key, the time it was
   * received, stays). Idempotent: marking again keeps the first {@code handledAt}. Empty if there is
   * no such request; the condition makes sure the update never creates one.
   */
  public Optional<Consultation> markHandled(String id, Instant now) {
    try {
      Map<String, AttributeValue> item =
          dynamoDb
              .updateItem(
                  r ->
                      r.tableName(table)
                          .key(ConsultationMapper.requestKey(id))
                          .updateExpression(
                              "SET #status = :handled, #statusPk = :partition,"
                                  + " #handledAt = if_not_exists(#handledAt, :now)")
                          .conditionExpression("attribute_exists(#pk)")
                          .expressionAttributeNames(
                              Map.of(
                                  "#status", STATUS,
                                  "#statusPk", STATUS_PK,
                                  "#handledAt", HANDLED_AT,
                                  "#pk", PK))
                          .expressionAttributeValues(
                              Map.of(
                                  ":handled", AttributeValue.fromS(Consultation.Status.HANDLED.value()),
                                  ":partition",
                                      AttributeValue.fromS(
                                          ConsultationMapper.statusPartition(Consultation.Status.HANDLED)),
                                  ":now", AttributeValue.fromS(now.toString())))
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return Optional.of(ConsultationMapper.fromItem(item));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes everything filed under {@code emailHash}: the person's requests and what derives from
   * them (idempotency and repeat keys, which name the requests, and the e-mail's rate counters), so
   * that nothing links the person to the erased requests and a new booking from them is a new one.
   * Returns how many requests it deleted. The keys are read first (every page of the keys-only
   * ByEmail index), so that no delete runs under a page being read. An item deleted meanwhile (by a
   * concurrent erasure, or TTL) is not counted.
   */
  public int erase(String emailHash) {
    QueryRequest query =
        QueryRequest.builder()
            .tableName(table)
            .indexName(BY_EMAIL_INDEX)
            .keyConditionExpression("#emailPk = :emailPk")
            .expressionAttributeNames(Map.of("#emailPk", EMAIL_PK))
            .expressionAttributeValues(
                Map.of(":emailPk", AttributeValue.fromS(ConsultationMapper.emailPartition(emailHash))))
            .limit(READ_PAGE_SIZE)
            .build();
    List<Map<String, AttributeValue>> keys =
        dynamoDb.queryPaginator(query).items().stream()
            .map(item -> Map.of(PK, item.get(PK), SK, item.get(SK)))
            .toList();
    int erased = 0;
    for (Map<String, AttributeValue> key : keys) {
      try {
        dynamoDb.deleteItem(
            r ->
                r.tableName(table)
                    .key(key)
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
        if (ConsultationMapper.isRequest(key)) {
          erased++;
        }
      } catch (ConditionalCheckFailedException alreadyGone) {
        // Someone else's erasure or TTL got there first: nothing of it is left, and it is not ours to count.
      }
    }
    return erased;
  }

  private QueryRequest.Builder byStatus(Consultation.Status status) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_STATUS_INDEX)
        .keyConditionExpression("#statusPk = :statusPk")
        .expressionAttributeNames(Map.of("#statusPk", STATUS_PK))
        .expressionAttributeValues(
            Map.of(":statusPk", AttributeValue.fromS(ConsultationMapper.statusPartition(status))))
        .scanIndexForward(false);
  }

  /** A GSI's ExclusiveStartKey holds the index keys and the table keys of the last item read. */
  private static Map<String, AttributeValue> startKey(Consultation.Status status, Position after) {
    Map<String, AttributeValue> key = new HashMap<>(ConsultationMapper.requestKey(after.id()));
    key.put(STATUS_PK, AttributeValue.fromS(ConsultationMapper.statusPartition(status)));
    key.put(STATUS_SK, AttributeValue.fromS(ConsultationMapper.statusSortKey(after.receivedAt(), after.id())));
    return key;
  }
}
