package dev.contentfunctions.coach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.shared.consultations.Consultation;
import dev.contentfunctions.shared.json.Json;
import java.time.Instant;
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

  static String page(CoachService.Page page) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    ArrayNode consultations = json.putArray("consultations");
    page.consultations().forEach(c -> consultations.add(consultation(c)));
    json.put("nextCursor", page.nextCursor());
    return json.toString();
  }

  static String erased(int count) {
    return Json.MAPPER.createObjectNode().put("erased", count).toString();
  }

  static ObjectNode consultation(Consultation c) {
    ObjectNode json = Json.MAPPER.createObjectNode();
    json.put("id", c.id());
    json.put("status", c.status().value());
    json.put("receivedAt", iso(c.receivedAt()));
    json.put("handledAt", iso(c.handledAt()));
    json.put("name", c.name());
    json.put("email", c.email());
    json.put("phone", c.phone());
    json.put("message", c.message());
    ArrayNode times = json.putArray("preferredTimes");
    c.preferredTimes().forEach(times::add);
    json.put("timezone", c.timezone());
    return json;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
