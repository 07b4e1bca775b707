package dev.contentfunctions.shared.consultations;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every attribute name and conversion of the consultations table, in one place:
 *
 * <pre>
 * pk                         sk      what                                   index keys
 * REQ#id                     REQ     a request (personal data, TTL)         ByStatus: STATUS#s / receivedAt#id
 *                                                                           ByEmail:  EMAIL#hash / receivedAt#id
 * IDEM#key                   IDEM    an idempotency key seen recently (TTL) -
 * RATE#scope#hash#window     RATE    a rate counter for one window (TTL)    -
 * </pre>
 *
 * The table's stream (new images) feeds the coach's notification.
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

  public static Map<String, AttributeValue> toItem(Consultation c) {
    Map<String, AttributeValue> item = requestKey(c.id());
    item.put(ID, s(c.id()));
    item.put(STATUS, s(c.status().value()));
    item.put(RECEIVED_AT, s(c.receivedAt().toString()));
    if (c.handledAt() != null) {
      item.put(HANDLED_AT, s(c.handledAt().toString()));
    }
    item.put(NAME, s(c.name()));
    item.put(EMAIL, s(c.email()));
    putIfPresent(item, PHONE, c.phone());
    putIfPresent(item, MESSAGE, c.message());
    item.put(PREFERRED_TIMES, AttributeValue.fromL(c.preferredTimes().stream().map(AttributeValue::fromS).toList()));
    putIfPresent(item, TIMEZONE, c.timezone());
    item.put(CONSENT, AttributeValue.fromBool(c.consent()));
    item.put(SOURCE_IP_HASH, s(c.sourceIpHash()));
    item.put(EMAIL_HASH, s(c.emailHash()));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(c.expiresAt().getEpochSecond())));
    item.put(STATUS_PK, s(statusPartition(c.status())));
    item.put(STATUS_SK, s(statusSortKey(c.receivedAt(), c.id())));
    item.put(EMAIL_PK, s(emailPartition(c.emailHash())));
    return item;
  }

  /** Whether an item (say, from the table's stream) is a request rather than a key or counter. */
  public static boolean isRequest(Map<String, AttributeValue> item) {
    AttributeValue sk = item.get(SK);
    return sk != null && REQUEST_SORT_KEY.equals(sk.s());
  }

  public static Consultation fromItem(Map<String, AttributeValue> item) {
    return new Consultation(
        string(item, ID),
        Consultation.Status.parse(string(item, STATUS)),
        Instant.parse(string(item, RECEIVED_AT)),
        string(item, NAME),
        string(item, EMAIL),
        string(item, PHONE),
        string(item, MESSAGE),
        item.containsKey(PREFERRED_TIMES) ? item.get(PREFERRED_TIMES).l().stream().map(AttributeValue::s).toList() : List.of(),
        string(item, TIMEZONE),
        item.containsKey(CONSENT) && item.get(CONSENT).bool(),
        string(item, SOURCE_IP_HASH),
        string(item, EMAIL_HASH),
        item.containsKey(HANDLED_AT) ? Instant.parse(string(item, HANDLED_AT)) : null,
        Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n())));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(PK, s(pk));
    key.put(SK, s(sk));
    return key;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, s(value));
    }
  }

  private static String string(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
