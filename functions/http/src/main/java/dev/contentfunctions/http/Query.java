package dev.contentfunctions.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request's query string, decoded once, here, from the raw text the client sent: names and
 * values alike ({@code %70review} is {@code preview}), '+' as a space, UTF-8. Every rule about a
 * parameter (what it means, whether it is stripped from a redirect, what a cache keys on) is applied
 * to these decoded names, never to raw text. An escape that is not one ({@code %zz}), or bytes that
 * are not UTF-8, make the whole query a 400: guessing could let a name slip past a rule.
 */
public final class Query {
  private final Map<String, List<String>> parameters;

  private Query(Map<String, List<String>> parameters) {
    this.parameters = parameters;
  }

  public static Query parse(String raw) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
    }
    return new Query(parameters);
  }

  /**
   * The parameter's value, or null when absent. Sent twice with different values, it is a 400:
   * which one the client meant is a guess (API Gateway would join them with a comma, a CDN might
   * key on the first).
   */
  public String value(String name) {
    List<String> values = parameters.get(name);
    if (values == null) {
      return null;
    }
    if (values.stream().distinct().count() > 1) {
      throw new ApiException.BadRequest("The parameter '" + name + "' is given more than once.");
    }
    return values.get(0);
  }

  /** Every value the parameter was given, in order; empty when absent. */
  public List<String> values(String name) {
    return List.copyOf(parameters.getOrDefault(name, List.of()));
  }

  public Set<String> names() {
    return parameters.keySet();
  }

  /**
   * This query without the named parameters, re-encoded from the decoded pairs (so the result never
   * carries a name in a spelling the rules did not see); empty when nothing is left.
   */
  public String without(Set<String> names) {
    return parameters.entrySet().stream()
        .filter(parameter -> !names.contains(parameter.getKey()))
        .flatMap(parameter -> parameter.getValue().stream().map(value -> encode(parameter.getKey()) + "=" + encode(value)))
        .collect(Collectors.joining("&"));
  }

  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        // ASCII hex digits only (Character.digit would take other scripts' digits too).
        if (i + 2 >= text.length() || !HexFormat.isHexDigit(text.charAt(i + 1)) || !HexFormat.isHexDigit(text.charAt(i + 2))) {
          throw invalid();
        }
        bytes.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
        i += 2;
      } else if (c == '+') {
        bytes.write(' ');
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        // A raw query is ASCII on the wire; anything else is passed through as UTF-8.
        bytes.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
        i++;
      } else if (Character.isSurrogate(c)) {
        // No UTF-8 encodes a lone surrogate: getBytes would make it a '?'.
        throw invalid();
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
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
      throw invalid();
    }
  }

  /** RFC 3986's unreserved characters stay as they are; everything else is escaped. */
  private static String encode(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  private static ApiException invalid() {
    return new ApiException.BadRequest("The query string is not correctly percent-encoded UTF-8.");
  }
}
