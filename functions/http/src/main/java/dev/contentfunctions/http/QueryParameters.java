package dev.contentfunctions.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Reading query parameters the same way on every route: absent means the default, wrong is a 400. */
public final class QueryParameters {
  private QueryParameters() {}

  /** One name=value pair of a query string, both decoded. */
  public record Parameter(String name, String value) {}

  /**
   * A raw query string (as the client sent it, without the '?') decoded as browsers encode forms
   * (WHATWG application/x-www-form-urlencoded: '+' is a space, percent-escapes are UTF-8), but
   * strictly: a malformed escape or bytes that are not UTF-8 are a 400, not guessed at.
   */
  public static List<Parameter> parse(String rawQuery) {
    List<Parameter> parameters = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      parameters.add(
          new Parameter(
              decode(equals < 0 ? pair : pair.substring(0, equals)),
              equals < 0 ? "" : decode(pair.substring(equals + 1))));
    }
    return List.copyOf(parameters);
  }

  /** {@code parameters} as a query string, each name and value encoded from its decoded form. */
  public static String encode(List<Parameter> parameters) {
    return parameters.stream()
        .map(p -> URLEncoder.encode(p.name(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(p.value(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw.replace('+', ' ');
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
        if (low < 0) {
          throw new ApiException.BadRequest(
              "The query string has a '%' that does not start a percent-escape (%XX, two hex digits); write '%25' for a literal '%'.");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else {
        int codePoint = raw.codePointAt(i);
        bytes.writeBytes(Character.toString(codePoint).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(codePoint) - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException.BadRequest("The query string's percent-escapes are not UTF-8.");
    }
  }

  /** {@code value} as a whole number from 1 to {@code max}; {@code defaultValue} when absent. */
  public static int count(String name, String value, int defaultValue, int max) {
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      parsed = -1;
    }
    if (parsed < 1 || parsed > max) {
      throw new ApiException.BadRequest("'" + name + "' must be a whole number from 1 to " + max + ".");
    }
    return parsed;
  }
}
