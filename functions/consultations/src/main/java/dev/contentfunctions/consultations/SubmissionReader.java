package dev.contentfunctions.consultations;

import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.Body;
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
    byte[] bytes = Body.bytes(body, base64, MAX_BODY_BYTES);
    return new Submission(format, format == Format.JSON ? Body.jsonObject(bytes, MAX_BODY_BYTES) : Body.form(bytes));
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

}
