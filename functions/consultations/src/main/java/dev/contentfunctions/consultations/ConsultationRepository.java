package dev.contentfunctions.consultations;

import static dev.contentfunctions.tables.consultations.ConsultationMapper.CONSULTATION_ID;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.COUNT;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.EXPIRES_AT;
import static dev.contentfunctions.tables.consultations.ConsultationMapper.FINGERPRINT;

import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The consultations table as the booking function uses it: it writes requests, idempotency keys
 * and rate counters, and reads only idempotency keys (its IAM policy allows no more).
 */
final class ConsultationRepository {
  private final DynamoDbClient dynamoDb;
  private final String table;

  ConsultationRepository(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  /** An idempotency key: who it stands for and until when it counts. */
  record IdempotencyKey(String key, Instant expiresAt) {}

  /** What an idempotency key recorded: the request it created and that request's fingerprint. */
  record KeyRecord(String consultationId, String fingerprint) {}

  /** Another request holds this key already (found when writing). */
  static final class KeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String key;

    KeyTaken(String key) {
      super(null, null, false, false);
      this.key = key;
    }
  }

  /**
   * A rate counter for one window: {@code scope} ("ip", "email") and the salted hash it counts.
   * Counted in the same transaction as the request, so that only requests actually recorded count,
   * and a repeat of one never does.
   *
   * @param personal it counts one person (their e-mail address), so it is filed under them and
   *     erased with them; a source address's counter is shared by everyone behind it
   */
  record RateCounter(String scope, String hash, long windowStart, Instant windowEnd, int limit, boolean personal) {}

  /** The window of this counter is full. */
  static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RateCounter counter;

    LimitReached(RateCounter counter) {
      super(null, null, false, false);
      this.counter = counter;
    }
  }

  /** A concurrent transaction touched the same keys; retrying decides who won. */
  static final class Contended extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Contended() {
      super(null, null, false, false);
    }
  }

  Optional<KeyRecord> findKey(String key, Instant now) {
    Map<String, AttributeValue> item =
        dynamoDb
            .getItem(r -> r.tableName(table).key(ConsultationMapper.idempotencyKey(key)).consistentRead(true))
            .item();
    if (item == null || item.isEmpty() || Long.parseLong(item.get(EXPIRES_AT).n()) <= now.getEpochSecond()) {
      return Optional.empty();
    }
    return Optional.of(new KeyRecord(item.get(CONSULTATION_ID).s(), item.get(FINGERPRINT).s()));
  }

  /**
   * Stores the request, claims its idempotency keys and counts it against its rate limits in one
   * transaction: all of it, or nothing.
   *
   * @throws KeyTaken a key belongs to an earlier request (checked first: a repeat is not a new request)
   * @throws LimitReached a rate counter's window is full
   * @throws Contended a concurrent transaction on the same keys or counters
   */
  void record(
      Consultation consultation, String fingerprint, List<IdempotencyKey> keys, List<RateCounter> counters, Instant now) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .put(
                p ->
                    p.tableName(table)
                        .item(ConsultationMapper.toItem(consultation))
                        .conditionExpression("attribute_not_exists(pk)"))
            .build());
    for (IdempotencyKey key : keys) {
      Map<String, AttributeValue> item = new HashMap<>(ConsultationMapper.idempotencyKey(key.key()));
      item.put(CONSULTATION_ID, AttributeValue.fromS(consultation.id()));
      item.put(FINGERPRINT, AttributeValue.fromS(fingerprint));
      item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(key.expiresAt().getEpochSecond())));
      // Both kinds of key stand for the person's request (a repeat key is a hash of what they wrote).
      item.putAll(ConsultationMapper.filedUnder(consultation));
      items.add(
          TransactWriteItem.builder()
              .put(
                  p ->
                      p.tableName(table)
                          .item(item)
                          // An expired key that TTL has not deleted yet is free again.
                          .conditionExpression("attribute_not_exists(pk) OR #expires <= :now")
                          .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
                          .expressionAttributeValues(
                              Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))))
              .build());
    }
    for (RateCounter counter : counters) {
      Map<String, String> names = new HashMap<>(Map.of("#count", COUNT, "#expires", EXPIRES_AT));
      Map<String, AttributeValue> values =
          new HashMap<>(
              Map.of(
                  ":one", AttributeValue.fromN("1"),
                  ":limit", AttributeValue.fromN(Integer.toString(counter.limit())),
                  ":expires", AttributeValue.fromN(Long.toString(counter.windowEnd().getEpochSecond()))));
      StringBuilder update = new StringBuilder("ADD #count :one SET #expires = :expires");
      if (counter.personal()) {
        // Filed under the person it counts (its index keys set by each request), so erasure finds it.
        ConsultationMapper.filedUnder(consultation)
            .forEach(
                (name, value) -> {
                  names.put("#" + name, name);
                  values.put(":" + name, value);
                  update.append(", #").append(name).append(" = :").append(name);
                });
      }
      items.add(
          TransactWriteItem.builder()
              .update(
                  u ->
                      u.tableName(table)
                          .key(ConsultationMapper.rateKey(counter.scope(), counter.hash(), counter.windowStart()))
                          .updateExpression(update.toString())
                          .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values))
              .build());
    }
    try {
      dynamoDb.transactWriteItems(r -> r.transactItems(items));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
      for (int i = 1; i < reasons.size() && i <= keys.size(); i++) {
        if (failedCondition(reasons.get(i))) {
          throw new KeyTaken(keys.get(i - 1).key());
        }
      }
      for (int i = 1 + keys.size(); i < reasons.size(); i++) {
        if (failedCondition(reasons.get(i))) {
          throw new LimitReached(counters.get(i - 1 - keys.size()));
        }
      }
      throw new Contended();
    }
  }

  private static boolean failedCondition(CancellationReason reason) {
    return "ConditionalCheckFailed".equals(reason.code());
  }
}
