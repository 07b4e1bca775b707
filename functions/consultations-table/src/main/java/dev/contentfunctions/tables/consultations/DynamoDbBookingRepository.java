package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link BookingRepository} on DynamoDB: one conditional transaction per booking. */
public final class DynamoDbBookingRepository implements BookingRepository {
  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbBookingRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public Optional<KeyRecord> findKey(IdempotencyKey key, Instant now) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(ConsultationMapper.idempotencyKey(key)).consistentRead(true))
            .item();
    return ConsultationMapper.keyRecord(item, now);
  }

  @Override
  public Written record(Booking booking, Instant now) {
    // The order matters: the cancellation reasons come back in it (request, keys, counters).
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(TransactWriteItem.builder().put(ConsultationMapper.putRequest(table, booking.consultation())).build());
    for (IdempotencyKey key : booking.keys()) {
      items.add(TransactWriteItem.builder().put(ConsultationMapper.claimKey(table, key, booking, now)).build());
    }
    for (RateCounter counter : booking.counters()) {
      items.add(TransactWriteItem.builder().update(ConsultationMapper.count(table, counter, booking.consultation())).build());
    }
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(items));
      return new Written.Recorded();
    } catch (TransactionCanceledException e) {
      return whyCancelled(e.hasCancellationReasons() ? e.cancellationReasons() : List.of(), booking);
    }
  }

  private static Written whyCancelled(List<CancellationReason> reasons, Booking booking) {
    int keys = booking.keys().size();
    for (int i = 1; i < reasons.size() && i <= keys; i++) {
      if (failedCondition(reasons.get(i))) {
        return new Written.KeyTaken(booking.keys().get(i - 1));
      }
    }
    for (int i = 1 + keys; i < reasons.size(); i++) {
      if (failedCondition(reasons.get(i))) {
        return new Written.LimitReached(booking.counters().get(i - 1 - keys));
      }
    }
    return new Written.Contended();
  }

  private static boolean failedCondition(CancellationReason reason) {
    return "ConditionalCheckFailed".equals(reason.code());
  }
}
