package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The coach's reads and writes of the consultations table: every read is a Query of an index (never
 * a Scan), every write one conditional UpdateItem or DeleteItem. Names, keys and expressions come
 * from {@link ConsultationMapper}.
 */
public final class DynamoDbCoachRepository implements CoachRepository {
  /**
   * Items per Query call when every page is read (export, erasure): each call stays small and quick
   * whatever the messages' length, well inside the interactive client's one-second attempt timeout.
   */
  public static final int READ_PAGE_SIZE = 100;

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbCoachRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** Reads one more than asked, to know whether another page exists. */
  @Override
  public Page page(Consultation.Status status, int limit, Position after) {
    QueryRequest.Builder query = ConsultationMapper.byStatusNewestFirst(table, status).limit(limit + 1);
    if (after != null) {
      query.exclusiveStartKey(ConsultationMapper.byStatusStartKey(status, after.receivedAt(), after.id()));
    }
    List<Consultation> read = dynamoDb.query(query.build()).items().stream().map(ConsultationMapper::fromItem).toList();
    if (read.size() <= limit) {
      return new Page(read, null);
    }
    List<Consultation> page = read.subList(0, limit);
    return new Page(page, Position.of(page.get(limit - 1)));
  }

  @Override
  public List<Consultation> all(Consultation.Status status) {
    return dynamoDb.queryPaginator(ConsultationMapper.byStatusNewestFirst(table, status).limit(READ_PAGE_SIZE).build())
        .items().stream()
        .map(ConsultationMapper::fromItem)
        .toList();
  }

  /** On a failed condition, one GetItem tells a missing request from a handled one. */
  @Override
  public Marking markHandled(String id, Instant now) {
    try {
      return new Marked(ConsultationMapper.fromItem(dynamoDb.updateItem(ConsultationMapper.markHandled(table, id, now)).attributes()));
    } catch (ConditionalCheckFailedException notNew) {
      Map<String, AttributeValue> item =
          dynamoDb.getItem(r -> r.tableName(table).key(ConsultationMapper.requestKey(id)).consistentRead(true)).item();
      return item == null || item.isEmpty() ? new NotFound() : new AlreadyHandled(ConsultationMapper.fromItem(item));
    }
  }

  /**
   * Deletes the person's requests and what derives from them (idempotency and repeat keys, which
   * name the requests, and the e-mail's rate counters), so that nothing links the person to the
   * erased requests and a new booking from them is a new one. The keys are read first (every page of
   * the keys-only ByEmail index), so that no delete runs under a page being read.
   */
  @Override
  public int erase(String emailHash) {
    List<Map<String, AttributeValue>> keys =
        dynamoDb.queryPaginator(ConsultationMapper.filedUnderEmail(table, emailHash).limit(READ_PAGE_SIZE).build())
            .items().stream()
            .map(ConsultationMapper::tableKey)
            .toList();
    int erased = 0;
    for (Map<String, AttributeValue> key : keys) {
      try {
        dynamoDb.deleteItem(ConsultationMapper.deleteIfPresent(table, key));
        if (ConsultationMapper.isRequest(key)) {
          erased++;
        }
      } catch (ConditionalCheckFailedException alreadyGone) {
        // Someone else's erasure or TTL got there first: nothing of it is left, and it is not ours to count.
      }
    }
    return erased;
  }
}
