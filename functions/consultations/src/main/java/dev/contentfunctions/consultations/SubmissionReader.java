package dev.contentfunctions.consultations;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.BodyText;
import dev.contentfunctions.kit.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a submission's body into fields, refusing what cannot be read with the status that says
 * why: 415 for another content type or charset, 413 past {@link #MAX_BODY_BYTES}, 400 for text that
 * is not UTF-8 (raw or percent-encoded), broken JSON (including duplicate keys and deep nesting) or
 * a broken form encoding.
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
    String text = text(body, base64);
    return new Submission(format, format == Format.JSON ? json(text) : form(text));
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

  private static String text(String body, boolean base64) {
    if (body == null) {
      return "";
    }
    // Checked before decoding: a huge body is refused without being copied.
    if ((base64 ? body.length() / 4L * 3 : body.length()) > MAX_BODY_BYTES * 4L) {
      throw new ApiException.PayloadTooLarge(MAX_BODY_BYTES);
    }
    if (!base64) {
      if (BodyText.checked(body).getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
        throw new ApiException.PayloadTooLarge(MAX_BODY_BYTES);
      }
      return body;
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new ApiException.BadRequest("The request body is not valid base64.");
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw new ApiException.PayloadTooLarge(MAX_BODY_BYTES);
    }
    return BodyText.decode(bytes, BodyText.NOT_UTF8);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    Object root;
    try (JsonParser parser = STRICT_JSON.createParser(text)) {
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
  private static Map<String, Object> form(String body) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = formDecoded(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : formDecoded(pair.substring(equals + 1));
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

  /**
   * A form name or value, percent-decoded to bytes and then read strictly as UTF-8 ({@code
   * URLDecoder} would turn escaped bytes that are not UTF-8 into U+FFFD).
   */
  private static String formDecoded(String component) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        // ASCII hex digits only (Character.digit would take other scripts' digits too).
        if (i + 2 >= component.length()
            || !HexFormat.isHexDigit(component.charAt(i + 1))
            || !HexFormat.isHexDigit(component.charAt(i + 2))) {
          throw new ApiException.BadRequest("The form data is not correctly encoded.");
        }
        bytes.write(HexFormat.fromHexDigits(component, i + 1, i + 3));
        i += 2;
      } else {
        // Text already read as UTF-8: a character (a surrogate pair's two halves too) as its own bytes.
        int end = Character.isHighSurrogate(c) && i + 1 < component.length() ? i + 2 : i + 1;
        bytes.writeBytes(component.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return BodyText.decode(
        bytes.toByteArray(), "The form data is not valid UTF-8: a percent-encoded character is not UTF-8.");
  }
}
