package dev.contentfunctions.kit.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an HTTP API function answers (payload format 2.0), written as the JSON Lambda hands back to
 * API Gateway.
 *
 * @param body text, or base64 when {@code isBase64Encoded} (a gzipped body); null for none
 */
public record HttpApiResponse(int statusCode, Map<String, String> headers, String body, boolean isBase64Encoded) {
  private static final JsonFactory FACTORY = new JsonFactory();

  public HttpApiResponse {
    headers = Map.copyOf(headers);
  }

  /** The header's value whatever the case of its name (HTTP header names are case-insensitive). */
  public String header(String name) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  public void write(OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", statusCode);
      json.writeObjectFieldStart("headers");
      // Sorted: the same response is the same bytes, which tests and logs can compare.
      for (Map.Entry<String, String> header : new TreeMap<>(headers).entrySet()) {
        json.writeStringField(header.getKey(), header.getValue());
      }
      json.writeEndObject();
      if (body != null) {
        json.writeStringField("body", body);
      }
      json.writeBooleanField("isBase64Encoded", isBase64Encoded);
      json.writeEndObject();
    }
  }
}
