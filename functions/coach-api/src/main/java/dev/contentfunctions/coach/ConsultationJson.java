package dev.contentfunctions.coach;

import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.kit.json.JsonWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The coach API's JSON documents, field by field, so that the shape never changes by accident. Only
 * what the coach needs to reply: never the hashes, the consent flag or the expiry. The CSV export has
 * the same columns, in {@link #FIELDS} order.
 */
final class ConsultationJson {
  static final List<String> FIELDS =
      List.of("id", "status", "receivedAt", "handledAt", "name", "email", "phone", "message", "preferredTimes", "timezone");

  private ConsultationJson() {}

  /** A page of the listing and the cursor of the next (null on the last page). */
  static String page(List<Consultation> consultations, String nextCursor) {
    JsonWriter json = JsonWriter.object().startArray("consultations");
    consultations.forEach(c -> fields(json.startObject(), c).end());
    return json.end().field("nextCursor", nextCursor).finish();
  }

  static String erased(int count) {
    return JsonWriter.object().field("erased", count).finish();
  }

  static String consultation(Consultation c) {
    return fields(JsonWriter.object(), c).finish();
  }

  /** The values of {@link #FIELDS}, in that order: text, null, or (preferredTimes) a list of text. */
  static List<Object> values(Consultation c) {
    return Arrays.asList(
        c.id(),
        c.status().value(),
        iso(c.receivedAt()),
        iso(c.handledAt()),
        c.name(),
        c.email(),
        c.phone(),
        c.message(),
        c.preferredTimes(),
        c.timezone());
  }

  private static JsonWriter fields(JsonWriter json, Consultation c) {
    List<Object> values = values(c);
    for (int i = 0; i < FIELDS.size(); i++) {
      json.field(FIELDS.get(i), values.get(i));
    }
    return json;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
