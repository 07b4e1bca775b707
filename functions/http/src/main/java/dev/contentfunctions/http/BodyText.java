package dev.contentfunctions.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Request text, strictly UTF-8. API Gateway hands a function a body of a text type (JSON) already
 * decoded, each byte sequence that was not UTF-8 replaced by U+FFFD, and other bodies (forms) in
 * base64. Either way, text that was not UTF-8 is refused with a 400, never stored as U+FFFD.
 */
public final class BodyText {
  public static final String NOT_UTF8 = "The request body is not valid UTF-8; send it encoded as UTF-8.";

  private BodyText() {}

  /**
   * A body API Gateway passed as text. A U+FFFD in it is what the gateway left of bytes that were
   * not UTF-8 (a sender who means the character itself can escape it, as JSON allows); a lone
   * surrogate is text that no UTF-8 can encode.
   *
   * @throws ApiException.BadRequest naming the encoding
   */
  public static String checked(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\uFFFD' || Character.isLowSurrogate(c)) {
        throw new ApiException.BadRequest(NOT_UTF8);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == body.length() || !Character.isLowSurrogate(body.charAt(i + 1))) {
          throw new ApiException.BadRequest(NOT_UTF8);
        }
        i++;
      }
    }
    return body;
  }

  /**
   * The text of {@code bytes}, refusing what is not UTF-8 (invalid, truncated or overlong
   * sequences, encoded surrogates) with {@code detail}, where {@code new String} would put U+FFFD.
   *
   * @throws ApiException.BadRequest with {@code detail}
   */
  public static String decode(byte[] bytes, String detail) {
    try {
      // A fresh decoder reports malformed input rather than replacing it.
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ApiException.BadRequest(detail);
    }
  }
}
