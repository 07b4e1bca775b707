package dev.contentfunctions.tables.consultations;

import static dev.contentfunctions.kit.aws.Attributes.bool;
import static dev.contentfunctions.kit.aws.Attributes.key;
import static dev.contentfunctions.kit.aws.Attributes.putIfPresent;
import static dev.contentfunctions.kit.aws.Attributes.text;
import static dev.contentfunctions.kit.aws.Attributes.texts;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every attribute name and conversion of the consultations table, in one place:
 *
 * <pre>
 * pk                         sk      what                                   index keys
 * REQ#id                     REQ     a request (personal data, TTL)         ByStatus: STATUS#s / receivedAt#id
 *                                                                           ByEmail:  EMAIL#hash / receivedAt#id
 * IDEM#key:hash              IDEM    an idempotency key seen recently (TTL) ByEmail:  EMAIL#hash / receivedAt#id
 * IDEM#repeat:fingerprint    IDEM    a request seen recently (TTL)          ByEmail:  EMAIL#hash / receivedAt#id
 * RATE#email#hash#window     RATE    an e-mail's counter for a window (TTL) ByEmail:  EMAIL#hash / receivedAt#id
 * RATE#ip#hash#window        RATE    a source address's counter (TTL)       -
 * </pre>
 *
 * Everything derived from a person's e-mail address is filed under its hash in ByEmail, with the
 * time and id of the request that last wrote it ({@link #filedUnder}), so that erasure finds all of
 * it with one Query. The table's stream (new images) feeds the coach's notification.
 */
public final class ConsultationMapper {
  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String BY_STATUS_INDEX = "ByStatus";
  public static final String STATUS_PK = "statusPk";
  public static final String STATUS_SK = "statusSk";
  public static final String BY_EMAIL_INDEX = "ByEmail";
  public static final String EMAIL_PK = "emailPk";
  public static final String EXPIRES_AT = "expiresAt";

  public static final String REQUEST_SORT_KEY = "REQ";
  public static final String ID = "id";
  public static final String STATUS = "status";
  public static final String RECEIVED_AT = "receivedAt";
  public static final String HANDLED_AT = "handledAt";
  public static final String NAME = "name";
  public static final String EMAIL = "email";
  public static final String PHONE = "phone";
  public static final String MESSAGE = "message";
  public static final String PREFERRED_TIMES = "preferredTimes";
  public static final String TIMEZONE = "timezone";
  public static final String CONSENT = "consent";
  public static final String SOURCE_IP_HASH = "sourceIpHash";
  public static final String EMAIL_HASH = "emailHash";

  public static final String CONSULTATION_ID = "consultationId";
  public static final String FINGERPRINT = "fingerprint";
  public static final String COUNT = "count";

  private static final java.time.format.DateTimeFormatter SORTABLE_INSTANT =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

  private ConsultationMapper() {}

  public static Map<String, AttributeValue> requestKey(String id) {
    return key("REQ#" + id, REQUEST_SORT_KEY);
  }

  public static Map<String, AttributeValue> idempotencyKey(String key) {
    return key("IDEM#" + key, "IDEM");
  }

  /** The counter of {@code scope} ("ip", "email") for {@code hash} in the window starting at {@code windowStart}. */
  public static Map<String, AttributeValue> rateKey(String scope, String hash, long windowStart) {
    return key("RATE#" + scope + "#" + hash + "#" + windowStart, "RATE");
  }

  /**
   * The ByEmail index keys of an item derived from request {@code c} (its idempotency keys, its
   * e-mail's rate counter): filed under the person, so that their erasure deletes it too.
   */
  public static Map<String, AttributeValue> filedUnder(Consultation c) {
    Map<String, AttributeValue> keys = new HashMap<>();
    keys.put(EMAIL_PK, text(emailPartition(c.emailHash())));
    keys.put(STATUS_SK, text(statusSortKey(c.receivedAt(), c.id())));
    return keys;
  }

  public static String statusPartition(Consultation.Status status) {
    return "STATUS#" + status.value();
  }

  public static String emailPartition(String emailHash) {
    return "EMAIL#" + emailHash;
  }

  /** Fixed-width UTC time (milliseconds, as in the ULID), so that string order is time order. */
  public static String statusSortKey(Instant receivedAt, String id) {
    return SORTABLE_INSTANT.format(receivedAt) + "#" + id;
  }

  // The coach's reads and writes (DynamoDbCoachRepository): every expression over the keys above.

  /** One status's requests, newest first: a Query of ByStatus, never a Scan. */
  public static QueryRequest.Builder byStatusNewestFirst(String table, Consultation.Status status) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_STATUS_INDEX)
        .keyConditionExpression("#statusPk = :statusPk")
        .expressionAttributeNames(Map.of("#statusPk", STATUS_PK))
        .expressionAttributeValues(Map.of(":statusPk", text(statusPartition(status))))
        .scanIndexForward(false);
  }

  /** ByStatus's ExclusiveStartKey after request {@code id}: the index keys and the table keys. */
  public static Map<String, AttributeValue> byStatusStartKey(Consultation.Status status, Instant receivedAt, String id) {
    Map<String, AttributeValue> key = requestKey(id);
    key.put(STATUS_PK, text(statusPartition(status)));
    key.put(STATUS_SK, text(statusSortKey(receivedAt, id)));
    return key;
  }

  /**
   * Marks a new request handled and moves it to the handled listing (its sort key, the time it was
   * received, stays). The condition fails for a request that is missing (so the update never
   * creates one) or handled already (so its first {@code handledAt} stays).
   */
  public static UpdateItemRequest markHandled(String table, String id, Instant now) {
    return UpdateItemRequest.builder()
        .tableName(table)
        .key(requestKey(id))
        .updateExpression("SET #status = :handled, #statusPk = :partition, #handledAt = :now")
        .conditionExpression("attribute_exists(#pk) AND #status = :new")
        .expressionAttributeNames(Map.of("#status", STATUS, "#statusPk", STATUS_PK, "#handledAt", HANDLED_AT, "#pk", PK))
        .expressionAttributeValues(
            Map.of(
                ":handled", text(Consultation.Status.HANDLED.value()),
                ":new", text(Consultation.Status.NEW.value()),
                ":partition", text(statusPartition(Consultation.Status.HANDLED)),
                ":now", text(now.toString())))
        .returnValues(ReturnValue.ALL_NEW)
        .build();
  }

  /** Everything filed under a person's e-mail hash (ByEmail is keys-only). */
  public static QueryRequest.Builder filedUnderEmail(String table, String emailHash) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_EMAIL_INDEX)
        .keyConditionExpression("#emailPk = :emailPk")
        .expressionAttributeNames(Map.of("#emailPk", EMAIL_PK))
        .expressionAttributeValues(Map.of(":emailPk", text(emailPartition(emailHash))));
  }

  /** The table key (pk, sk) of any item, e.g. one read from an index. */
  public static Map<String, AttributeValue> tableKey(Map<String, AttributeValue> item) {
    return Map.of(PK, item.get(PK), SK, item.get(SK));
  }

  /** Deletes the item if it is still there: one deleted meanwhile fails the condition instead. */
  public static DeleteItemRequest deleteIfPresent(String table, Map<String, AttributeValue> key) {
    return DeleteItemRequest.builder()
        .tableName(table)
        .key(key)
        .conditionExpression("attribute_exists(#pk)")
        .expressionAttributeNames(Map.of("#pk", PK))
        .build();
  }

  public static Map<String, AttributeValue> toItem(Consultation c) {
    Map<String, AttributeValue> item = requestKey(c.id());
    item.put(ID, text(c.id()));
    item.put(STATUS, text(c.status().value()));
    item.put(RECEIVED_AT, text(c.receivedAt().toString()));
    if (c.handledAt() != null) {
      item.put(HANDLED_AT, text(c.handledAt().toString()));
    }
    item.put(NAME, text(c.name()));
    item.put(EMAIL, text(c.email()));
    putIfPresent(item, PHONE, c.phone());
    putIfPresent(item, MESSAGE, c.message());
    item.put(PREFERRED_TIMES, texts(c.preferredTimes()));
    putIfPresent(item, TIMEZONE, c.timezone());
    item.put(CONSENT, AttributeValue.fromBool(c.consent()));
    item.put(SOURCE_IP_HASH, text(c.sourceIpHash()));
    item.put(EMAIL_HASH, text(c.emailHash()));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(c.expiresAt().getEpochSecond())));
    item.put(STATUS_PK, text(statusPartition(c.status())));
    item.put(STATUS_SK, text(statusSortKey(c.receivedAt(), c.id())));
    item.put(EMAIL_PK, text(emailPartition(c.emailHash())));
    return item;
  }

  /** Whether an item (say, from the table's stream) is a request rather than a key or counter. */
  public static boolean isRequest(Map<String, AttributeValue> item) {
    AttributeValue sk = item.get(SK);
    return sk != null && REQUEST_SORT_KEY.equals(sk.s());
  }

  public static Consultation fromItem(Map<String, AttributeValue> item) {
    return new Consultation(
        text(item, ID),
        Consultation.Status.parse(text(item, STATUS)),
        Instant.parse(text(item, RECEIVED_AT)),
        text(item, NAME),
        text(item, EMAIL),
        text(item, PHONE),
        text(item, MESSAGE),
        texts(item, PREFERRED_TIMES),
        text(item, TIMEZONE),
        bool(item, CONSENT),
        text(item, SOURCE_IP_HASH),
        text(item, EMAIL_HASH),
        item.containsKey(HANDLED_AT) ? Instant.parse(text(item, HANDLED_AT)) : null,
        Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
  }

  // ------------------------------------------------------------------ what booking writes and reads

  /** An idempotency key's item key: {@code IDEM#key:<hash>} for a header, {@code IDEM#repeat:<fingerprint>}. */
  public static Map<String, AttributeValue> idempotencyKey(BookingRepository.IdempotencyKey key) {
    String kind = key.kind() == BookingRepository.IdempotencyKey.Kind.HEADER ? "key:" : "repeat:";
    return idempotencyKey(kind + key.hash());
  }

  public static Map<String, AttributeValue> rateKey(BookingRepository.RateCounter counter) {
    return rateKey(counter.scope().value(), counter.hash(), counter.windowStart());
  }

  /** What a key item recorded, if there is one and it has not expired at {@code now} (TTL deletes late). */
  public static java.util.Optional<BookingRepository.KeyRecord> keyRecord(Map<String, AttributeValue> item, Instant now) {
    if (item == null || item.isEmpty() || Long.parseLong(item.get(EXPIRES_AT).n()) <= now.getEpochSecond()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new BookingRepository.KeyRecord(text(item, CONSULTATION_ID), text(item, FINGERPRINT)));
  }

  /** The request itself, written once: an id already taken cancels the transaction. */
  public static Put putRequest(String table, Consultation c) {
    return Put.builder().tableName(table).item(toItem(c)).conditionExpression("attribute_not_exists(" + PK + ")").build();
  }

  /** Claims {@code key} for the booking's request, unless another holds it; an expired key is free again. */
  public static Put claimKey(String table, BookingRepository.IdempotencyKey key, BookingRepository.Booking booking, Instant now) {
    Map<String, AttributeValue> item = new HashMap<>(idempotencyKey(key));
    item.put(CONSULTATION_ID, text(booking.consultation().id()));
    item.put(FINGERPRINT, text(booking.fingerprint()));
    item.put(EXPIRES_AT, epochSeconds(key.expiresAt()));
    // Both kinds of key stand for the person's request (a repeat key is a hash of what they wrote).
    item.putAll(filedUnder(booking.consultation()));
    return Put.builder()
        .tableName(table)
        .item(item)
        // An expired key that TTL has not deleted yet is free again.
        .conditionExpression("attribute_not_exists(" + PK + ") OR #expires <= :now")
        .expressionAttributeNames(Map.of("#expires", EXPIRES_AT))
        .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
        .build();
  }

  /** Counts request {@code c} in {@code counter}'s window, unless the window is full. */
  public static Update count(String table, BookingRepository.RateCounter counter, Consultation c) {
    Map<String, String> names = new HashMap<>(Map.of("#count", COUNT, "#expires", EXPIRES_AT));
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":one", AttributeValue.fromN("1"),
                ":limit", AttributeValue.fromN(Integer.toString(counter.limit())),
                ":expires", epochSeconds(counter.windowEnd())));
    StringBuilder update = new StringBuilder("ADD #count :one SET #expires = :expires");
    if (counter.scope().personal()) {
      // Filed under the person it counts (its index keys set by each request), so erasure finds it.
      filedUnder(c)
          .forEach(
              (name, value) -> {
                names.put("#" + name, name);
                values.put(":" + name, value);
                update.append(", #").append(name).append(" = :").append(name);
              });
    }
    return Update.builder()
        .tableName(table)
        .key(rateKey(counter))
        .updateExpression(update.toString())
        .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  private static AttributeValue epochSeconds(Instant instant) {
    return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
  }
}
