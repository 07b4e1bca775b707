package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.Test;

class EventFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The notifier's filter in template.yaml. */
  private static final EventFilter REQUEST_INSERTS =
      filter(
          "{\"eventName\": [\"INSERT\"], \"dynamodb\": {\"Keys\": {\"sk\": {\"S\": [\"REQ\"]}}}}");

  private static EventFilter filter(String... patterns) {
    var criteria = JSON.createObjectNode();
    var filters = criteria.putArray("Filters");
    for (String pattern : patterns) {
      filters.addObject().put("Pattern", pattern);
    }
    return EventFilter.of(criteria, "Notifier");
  }

  private static JsonNode record(String eventName, String sk) throws Exception {
    return JSON.readTree(
        "{\"eventName\": \""
            + eventName
            + "\", \"dynamodb\": {\"Keys\": {\"pk\": {\"S\": \"REQ#1\"}, \"sk\": {\"S\": \""
            + sk
            + "\"}}, \"SizeBytes\": 120}}");
  }

  @Test
  void matchesTheRecordsThePatternDescribes() throws Exception {
    assertThat(REQUEST_INSERTS.matches(record("INSERT", "REQ"))).isTrue();
    assertThat(REQUEST_INSERTS.matches(record("MODIFY", "REQ"))).isFalse();
    assertThat(REQUEST_INSERTS.matches(record("INSERT", "IDEM"))).isFalse();
    assertThat(REQUEST_INSERTS.matches(JSON.readTree("{\"eventName\": \"INSERT\"}"))).isFalse();
  }

  @Test
  void anyFilterMayMatchAndNoFilterLetsEverythingThrough() throws Exception {
    EventFilter either = filter("{\"eventName\": [\"REMOVE\"]}", "{\"eventName\": [\"INSERT\"]}");

    assertThat(either.matches(record("INSERT", "X"))).isTrue();
    assertThat(either.matches(record("MODIFY", "X"))).isFalse();
    assertThat(EventFilter.of(MissingNode.getInstance(), "Any").matches(record("MODIFY", "X")))
        .isTrue();
  }

  @Test
  void numbersMatchByValue() throws Exception {
    assertThat(filter("{\"dynamodb\": {\"SizeBytes\": [120.0]}}").matches(record("INSERT", "X")))
        .isTrue();
  }

  @Test
  void refusesContentFiltersItCannotMatch() {
    assertThatThrownBy(() -> filter("{\"eventName\": [{\"prefix\": \"INS\"}]}"))
        .hasMessageContaining("Notifier's filter pattern uses {\"prefix\":\"INS\"}")
        .hasMessageContaining("exact values only");
  }
}
