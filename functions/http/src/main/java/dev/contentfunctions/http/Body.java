package dev.contentfunctions.http;

import dev.contentfunctions.kit.json.JsonReader;
import dev.contentfunctions.http.ApiException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies, read the same strict way by every endpoint: a size limit checked before
 * decoding, base64 as API Gateway sends non-text bodies, UTF-8 that must be valid (never replaced
 * by U+FFFD), JSON with shallow nesting and no repeated keys, and form fields.
 */
public final class Body {
  /** Untrusted input: shallow nesting is all a form needs; a repeated key is ambiguous, so refused. */
  private static final int MAX_NESTING = 8;

  private static final String NOT_UTF8 = "The request body is not valid UTF-8.";

  private Body() {}

  static byte[] bytes(String body, boolean base64, int maxBytes) {
    if (body == null) {
      return new byte[0];
    }
    // Checked before decoding: a huge body is refused without being copied.
    if ((base64 ? body.length() / 4L * 3 : body.length()) > maxBytes * 4L) {
      throw new ApiException.PayloadTooLarge(maxBytes);
    }
    byte[] bytes;
    if (base64) {
      try {
        bytes = Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new ApiException.BadRequest("The request body is not valid base64.");
      }
    } else {
      bytes = textBytes(body);
    }
    if (bytes.length > maxBytes) {
      throw new ApiException.PayloadTooLarge(maxBytes);
    }
    return bytes;
  }

  /**
   * A body API Gateway passed as text (a text type such as JSON), which it decoded itself, each byte
   * sequence that was not UTF-8 replaced by U+FFFD: such a U+FFFD, or a lone surrogate (text no
   * UTF-8 can encode, which getBytes would turn into '?'), is refused as the bytes would be. A
   * sender who means U+FFFD itself can escape it, as JSON allows.
   */
  private static byte[] textBytes(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1));
      if (c == '\uFFFD' || (Character.isSurrogate(c) && !pair)) {
        throw new ApiException.BadRequest(NOT_UTF8);
      }
      if (pair) {
        i++;
      }
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes as text; bytes that are not UTF-8 are a 400 naming the encoding. */
  public static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException.BadRequest(NOT_UTF8);
    }
  }

  /**
   * A JSON object's members as plain values ({@link JsonReader}). Not JSON, not an object, nested
   * deeper than a form needs, a repeated member or invalid UTF-8: a 400.
   */
  public static Map<String, Object> jsonObject(byte[] bytes, int maxBytes) {
    String text = utf8(bytes);
    JsonFactory strict =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).maxStringLength(maxBytes).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    Object root;
    try (JsonParser parser = strict.createParser(text)) {
      boolean empty = parser.nextToken() == null;
      root = empty ? null : JsonReader.value(parser);
      if (!empty && parser.nextToken() != null) {
        throw new ApiException.BadRequest("The request body holds more than one JSON value.");
      }
    } catch (IOException e) {
      throw new ApiException.BadRequest("The request body is not valid JSON (or repeats a field, or nests too deeply).");
    }
    if (!(root instanceof Map<?, ?>)) {
      throw new ApiException.BadRequest("The request body must be a JSON object of fields.");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = (Map<String, Object>) root;
    return fields;
  }

  /**
   * An {@code application/x-www-form-urlencoded} body's fields: text, or lists of text when a field
   * is repeated. Broken escapes or invalid UTF-8 (raw or escaped): a 400.
   */
  public static Map<String, Object> form(byte[] bytes) {
    Map<String, Object> fields = new LinkedHashMap<>();
    Query query;
    try {
      query = Query.parse(utf8(bytes));
    } catch (ApiException.BadRequest e) {
      throw new ApiException.BadRequest("The form data is not correctly encoded UTF-8.");
    }
    for (String name : query.names()) {
      List<String> values = query.values(name);
      fields.put(name, values.size() == 1 ? values.get(0) : new ArrayList<Object>(values));
    }
    return fields;
  }
}
