package dev.contentfunctions.consultations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.contentfunctions.shared.http.ApiException;
import dev.contentfunctions.shared.json.JsonReader;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a submission's body into fields, refusing what cannot be read with the status that says
 * why: 415 for another content type or charset, 413 past {@link #MAX_BODY_BYTES}, 400 for broken
 * JSON (including duplicate keys and deep nesting) or a broken form encoding.
 */
final class SubmissionReader {
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final String ACCEPTED = "application/json or application/x-www-form-urlencoded (UTF-8)";

  /** Untrusted input: shallow nesting is all a form needs; a repeated key is ambiguous, so refused. */
  private static final JsonFactory STRICT_JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(MAX_BODY_BYTES).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  enum Format {
    JSON,
    FORM
  }

  /**
   * The fields by name, as plain values ({@link JsonReader}): text, Boolean, Number, List, Map or
   * null. A form's fields are text, or lists of text when repeated.
   */
  record Submission(Format format, Map<String, Object> fields) {}

  Submission read(String contentType, String body, boolean base64) {
    Format format = format(contentType);
    byte[] bytes = bytes(body, base64);
    return new Submission(format, format == Format.JSON ? json(bytes) : form(bytes));
  }

  private static Format format(String contentType) {
    if (contentType == null) {
      throw new ApiException.UnsupportedMediaType(ACCEPTED);
    }
    // -1 keeps empty parts: a type of only ";" would otherwise leave no part 0 to read.
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";", -1);
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.startsWith("charset=")
          && !parameter.substring(8).replace("\"", "").strip().matches("utf-?8")) {
        throw new ApiException.UnsupportedMediaType(ACCEPTED);
      }
    }
    return switch (parts[0].strip()) {
      case "application/json" -> Format.JSON;
      case "application/x-www-form-urlencoded" -> Format.FORM;
      default -> throw new ApiException.UnsupportedMediaType(ACCEPTED);
    };
  }

  private static byte[] bytes(String body, boolean base64) {
    if (body == null) {
      return new byte[0];
    }
    // Checked before decoding: a huge body is refused without being copied.
    if ((base64 ? body.length() / 4L * 3 : body.length()) > MAX_BODY_BYTES * 4L) {
      throw new ApiException.PayloadTooLarge(MAX_BODY_BYTES);
    }
    byte[] bytes;
    if (base64) {
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("The request body is not valid base64.");
      }
    } else {
      bytes = body.getBytes(StandardCharsets.UTF_8);
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException.PayloadTooLarge(MAX_BODY_BYTES);
    }
    return bytes;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(byte[] bytes) {
    Object root;
    try (JsonParser parser = STRICT_JSON.createParser(bytes)) {
      boolean empty = parser.nextToken() == null;
      root = empty ? null : JsonReader.value(parser);
      if (!empty && parser.nextToken() != null) {
        throw new ApiException.BadRequest("The request body holds more than one JSON value.");
      }
    } catch (IOException e) {
      throw new ApiException.BadRequest(
          "The request body is not valid JSON (or repeats a field, or nests too deeply).");
    }
    if (!(root instanceof Map<?, ?>)) {
      throw new ApiException.BadRequest("The request body must be a JSON object of fields.");
    }
    return (Map<String, Object>) root;
  }

  /** A form's fields; a field sent more than once becomes a list. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> form(byte[] bytes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    String body = new String(bytes, StandardCharsets.UTF_8);
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("The form data is not correctly encoded.");
      }
      Object existing = fields.get(name);
      if (existing == null) {
        fields.put(name, value);
      } else if (existing instanceof List<?> list) {
        ((List<Object>) list).add(value);
      } else {
        fields.put(name, new ArrayList<>(List.of(existing, value)));
      }
    }
    return fields;
  }
}
