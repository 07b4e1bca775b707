package dev.contentfunctions.consultations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.testkit.SeededDraws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Booking submissions of every shape, drawn from one seed: a plausible request, then a few of its
 * fields replaced by values of the wrong JSON type, huge or empty text, Unicode edge cases, deep
 * nesting, repeated keys or unknown keys; written as JSON or as a form, sometimes truncated or
 * padded; sent with fitting or odd content types and charsets, as text, base64, invalid base64 or
 * non-UTF-8 bytes. The same seed always gives the same submission.
 */
final class HostileSubmissions {
  private static final String NAME = "name";
  private static final String EMAIL = "email";
  private static final String PHONE = "phone";
  private static final String MESSAGE = "message";
  private static final String TIMES = "preferredTimes";
  private static final String TIMEZONE = "timezone";
  private static final String CONSENT = "consent";
  private static final String WEBSITE = RequestValidator.HONEYPOT;

  private static final List<String> FIELDS =
      List.of(NAME, EMAIL, PHONE, MESSAGE, TIMES, TIMEZONE, CONSENT, WEBSITE);
  private static final List<String> TEXT_FIELDS = List.of(NAME, EMAIL, PHONE, MESSAGE, TIMEZONE);

  /** Text that has broken parsers, validators and databases before. */
  private static final List<String> UNICODE_EDGES =
      List.of(
          "",
          " ",
          "\t",
          "\n",
          "\r\n",
          "\u0000",
          "\u0007",
          "\u001b[31m",
          "\u001f",
          "\u007f",
          "\u0085",
          "\u200b",
          "\u200e",
          "\u200f",
          "\u202e",
          "\u2066",
          "\u2028",
          "\u2029",
          "\ufeff",
          "\ufffd",
          "\uffff",
          "e\u0301",
          "Z\u0351\u0352\u0353\u0354\u0355\u0356",
          "\ud83d\ude00",
          "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
          "\ud83c\uddec\ud83c\udde7",
          "\ud800",
          "\udc00",
          "\udc00\ud800",
          "\u0130",
          "\u00df",
          "\u0645\u0631\u062d\u0628\u0627",
          "\u05e9\u05dc\u05d5\u05dd",
          "\u674e\u5c0f\u9f99",
          "<script>alert(1)</script>",
          "' OR 1=1 --",
          "${jndi:ldap://x}",
          "%00",
          "\\",
          "\"",
          "{}",
          "[]",
          "null",
          "&amp;",
          "&",
          "=",
          "+",
          "%");

  /** Lengths around every limit of {@link RequestValidator}, and past the body limit. */
  private static final List<Integer> LENGTHS =
      List.of(
          0, 1, 4, 5, 29, 30, 31, 63, 64, 65, 99, 100, 101, 199, 200, 201, 253, 254, 255, 1999,
          2000, 2001, 5000, 17_000);

  private static final String LOWER_CASE = SeededDraws.chars('a', 'z');
  private static final String ALPHANUMERIC = SeededDraws.chars('A', 'Z') + LOWER_CASE + SeededDraws.chars('0', '9');
  private static final String PRINTABLE_ASCII = SeededDraws.chars(' ', '~');

  private static final List<String> JSON_CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "application/json;charset=UTF-8",
          "Application/JSON; Charset=\"utf-8\"",
          "application/json; charset=utf8",
          "application/json ; charset = utf-8");

  private static final List<String> FORM_CONTENT_TYPES =
      List.of(
          "application/x-www-form-urlencoded",
          "application/x-www-form-urlencoded; charset=UTF-8",
          "APPLICATION/X-WWW-FORM-URLENCODED");

  private final SeededDraws draw;

  HostileSubmissions(long seed) {
    draw = new SeededDraws(seed);
  }

  // ------------------------------------------------------------------ the three kinds of try

  /** A JSON body, perhaps damaged, under a JSON content type, in any transport. */
  Submission jsonSubmission() {
    String body = jsonDamage(json(fieldSet()));
    return new Submission(
        draw.oneOf(JSON_CONTENT_TYPES), accept(), idempotencyKey(), body, transport(), sourceIp());
  }

  /** A form body (fully percent-encoded or not), perhaps damaged, under a form content type. */
  Submission formSubmission() {
    String body = formDamage(form(fieldSet(), draw.nextBoolean()));
    return new Submission(
        draw.oneOf(FORM_CONTENT_TYPES), accept(), idempotencyKey(), body, transport(), sourceIp());
  }

  /** Either kind of body under any content type, fitting or not, in any transport. */
  Submission oddlyWrappedSubmission() {
    String body = draw.nextBoolean() ? json(fieldSet()) : form(fieldSet(), true);
    String damaged = draw.nextBoolean() ? jsonDamage(body) : formDamage(body);
    String contentType =
        switch (draw.nextInt(3)) {
          case 0 -> oddContentType();
          case 1 -> draw.oneOf(JSON_CONTENT_TYPES);
          default -> draw.oneOf(FORM_CONTENT_TYPES);
        };
    return new Submission(
        contentType,
        accept(),
        idempotencyKey(),
        damaged,
        draw.oneOf(Transport.values()),
        sourceIp());
  }

  // ------------------------------------------------------------------ the request

  enum Transport {
    /** As API Gateway sends it: text for JSON, base64 for a form or an unknown type. */
    AS_API_GATEWAY_SENDS,
    /** Base64 whatever the type (a binary media type configured on the API). */
    BASE64,
    /** Base64 of the text in ISO-8859-1, not UTF-8. */
    BASE64_OF_LATIN1,
    /**
     * Base64 of UTF-8 with malformed sequences (0xFF, an overlong NUL, an encoded surrogate)
     * inside.
     */
    BASE64_OF_INVALID_UTF8,
    /** Flagged as base64, but it is not. */
    INVALID_BASE64,
    /** Flagged as base64, cut short by one character. */
    TRUNCATED_BASE64,
    /** The Java string as the event's body, lone surrogates and all. */
    RAW_STRING
  }

  /** One POST /consultations as a client sends it. */
  record Submission(
      String contentType,
      String accept,
      String idempotencyKey,
      String body,
      Transport transport,
      String sourceIp) {

    /**
     * A plain HTML form posted by a browser: refused with an HTML page rather than problem+json.
     */
    boolean isBrowserForm() {
      return contentType != null
          && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
          && accept != null
          && accept.contains("text/html");
    }

    APIGatewayV2HTTPEvent event() {
      HttpApiRequest request = HttpApiRequest.of("POST", "/consultations").sourceIp(sourceIp);
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      if (accept != null) {
        request.header("Accept", accept);
      }
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      APIGatewayV2HTTPEvent event = request.body(body).build();
      byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
      String base64 = Base64.getEncoder().encodeToString(utf8);
      switch (transport) {
        case AS_API_GATEWAY_SENDS -> {
          return event;
        }
        case BASE64 -> event.setBody(base64);
        case BASE64_OF_LATIN1 ->
            event.setBody(
                Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.ISO_8859_1)));
        case BASE64_OF_INVALID_UTF8 -> {
          byte[] bad = {
            (byte) 0xff, (byte) 0xc0, (byte) 0x80, (byte) 0xed, (byte) 0xa0, (byte) 0x80
          };
          byte[] mixed = new byte[utf8.length + bad.length];
          int middle = utf8.length / 2;
          System.arraycopy(utf8, 0, mixed, 0, middle);
          System.arraycopy(bad, 0, mixed, middle, bad.length);
          System.arraycopy(utf8, middle, mixed, middle + bad.length, utf8.length - middle);
          event.setBody(Base64.getEncoder().encodeToString(mixed));
        }
        case INVALID_BASE64 -> event.setBody(body.isEmpty() ? "@" : body);
        case TRUNCATED_BASE64 ->
            event.setBody(base64.isEmpty() ? "=" : base64.substring(0, base64.length() - 1));
        case RAW_STRING -> {
          event.setBody(body);
          event.setIsBase64Encoded(false);
          return event;
        }
      }
      event.setIsBase64Encoded(true);
      return event;
    }

    @Override
    public String toString() {
      String shown =
          body.length() > 300 ? body.substring(0, 300) + "... (" + body.length() + " chars)" : body;
      return "Submission[contentType="
          + abbreviate(contentType)
          + ", accept="
          + accept
          + ", idempotencyKey="
          + abbreviate(idempotencyKey)
          + ", transport="
          + transport
          + ", sourceIp="
          + sourceIp
          + ", body="
          + escapeForReport(shown)
          + "]";
    }

    private static String abbreviate(String text) {
      return text == null || text.length() <= 80
          ? escapeForReport(text)
          : escapeForReport(text.substring(0, 80)) + "...";
    }
  }

  /** Invisible and control characters as \\uXXXX, so that a failure report shows what was sent. */
  private static String escapeForReport(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      boolean visible = c >= 0x20 && c < 0x7f;
      out.append(visible ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ fields and their values

  /** A field as sent; the same name may appear twice. */
  record Field(String name, Object value) {}

  /** JSON text inserted as is: numbers (valid or not), null, nesting. */
  record Raw(String json) {}

  /** A JSON object that may repeat a key. */
  record Obj(List<Field> fields) {}


  // ------------------------------------------------------------------ headers and transport

  /** A private address, different almost every time: the same one again would meet the limit. */
  private String sourceIp() {
    return "10." + draw.nextInt(256) + "." + draw.nextInt(256) + "." + draw.nextInt(256);
  }

  private String idempotencyKey() {
    return draw.orNull(
        0.7,
        () ->
            draw.nextBoolean()
                ? draw.text(SeededDraws.chars('!', '~'), 1, 40)
                : draw.oneOf(
                    "",
                    " ",
                    "key with spaces",
                    "\u043a\u043b\u044e\u0447",
                    "k".repeat(201),
                    "\u0000",
                    "\ud800"));
  }

  private String accept() {
    return draw.orNull(
        0.6,
        () ->
            draw.oneOf(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "application/json",
                "*/*",
                ""));
  }

  /** Mostly as API Gateway sends it; else each odd transport as often as base64 of UTF-8. */
  private Transport transport() {
    return switch (draw.weighted(12, 2, 1, 1, 1, 1, 1)) {
      case 0 -> Transport.AS_API_GATEWAY_SENDS;
      case 1 -> Transport.BASE64;
      case 2 -> Transport.BASE64_OF_LATIN1;
      case 3 -> Transport.BASE64_OF_INVALID_UTF8;
      case 4 -> Transport.INVALID_BASE64;
      case 5 -> Transport.TRUNCATED_BASE64;
      default -> Transport.RAW_STRING;
    };
  }

  // ------------------------------------------------------------------ fields and their values

  /**
   * A plausible request (often with Unicode in it), then up to three hostile changes to its fields.
   */
  private List<Field> fieldSet() {
    List<Field> fields = plausibleFields();
    // Half are left plausible, so that enough requests are stored to check what storing keeps.
    if (draw.nextBoolean()) {
      for (int changes = draw.between(1, 3); changes > 0; changes--) {
        change(fields);
      }
    }
    return fields;
  }

  private List<Field> plausibleFields() {
    String name =
        draw.nextBoolean()
            ? draw.oneOf(
                "Ada Lovelace",
                "Zo\u00eb \u00dcnicode \ud83c\udf3f",
                "\u0645\u062d\u0645\u062f \u0639\u0644\u064a",
                "\u674e\u5c0f\u9f99",
                "Jos\u00e9 N\u0303\u00fa\u00f1ez",
                "O'Brien-Smith",
                "  Padded Name  ",
                "\u202eevil\u202c",
                "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb Dev",
                "\ud83d\ude00".repeat(RequestValidator.MAX_NAME))
            : draw.text(LOWER_CASE + " \u00e9\u00f8\u00df", 1, 40);
    // A local part of 8 to 12 random characters, so that the per-address limit is rarely what
    // answers.
    String email =
        draw.text(ALPHANUMERIC, 8, 12)
            + draw.oneOf("", "+tag", ".dot", "zo\u00eb", "\ud83d\ude00")
            + "@"
            + draw.oneOf(
                "example.com",
                "EXAMPLE.org",
                "b\u00fccher.example",
                "xn--bcher-kva.example",
                "a.b.example.net");
    String phone =
        draw.orNull(
            0.4,
            () ->
                draw.oneOf(
                    "+44 20 7946 0000",
                    "(555) 010-0199",
                    "12345",
                    "1".repeat(RequestValidator.MAX_PHONE),
                    " +1.555.010.0199 "));
    String message =
        draw.orNull(
            0.3,
            () ->
                draw.nextBoolean()
                    ? draw.oneOf(
                        "We keep having the same argument.\r\nCan you help?",
                        "Line one\n\tindented \ud83d\ude00\nline three",
                        "\u05e9\u05dc\u05d5\u05dd \u2014 mixed \u202bRTL\u202c text",
                        "e\u0301".repeat(RequestValidator.MAX_MESSAGE / 2),
                        "\ud83c\udf3f".repeat(RequestValidator.MAX_MESSAGE))
                    : draw.text(PRINTABLE_ASCII + "\n\u00e9\u4e2d", 0, 300));
    Object preferred =
        draw.orNull(
            0.3,
            () ->
                draw.nextBoolean()
                    ? draw.listOf(
                        0,
                        RequestValidator.MAX_TIMES,
                        () ->
                            draw.oneOf(
                                "Tuesday mornings",
                                "Friday after 4pm",
                                "\u9031\u672b",
                                "\ud83c\udf05 early",
                                "  ",
                                ""))
                    : draw.oneOf("Weekday evenings", "x".repeat(RequestValidator.MAX_TIME_TEXT)));
    String zone =
        draw.orNull(
            0.3,
            () ->
                draw.oneOf(
                    "Europe/London",
                    "America/New_York",
                    "Asia/Kolkata",
                    "UTC",
                    "Etc/GMT+12",
                    "America/Argentina/Buenos_Aires"));
    Object consent = draw.oneOf(Boolean.TRUE, "on", "yes", "1", "TRUE", " On ", "true");
    String honeypot = draw.orNull(0.6, () -> draw.oneOf("", "   "));

    List<Field> fields = new ArrayList<>();
    fields.add(new Field(NAME, name));
    fields.add(new Field(EMAIL, email));
    addIfPresent(fields, PHONE, phone);
    addIfPresent(fields, MESSAGE, message);
    addIfPresent(fields, TIMES, preferred);
    addIfPresent(fields, TIMEZONE, zone);
    fields.add(new Field(CONSENT, consent));
    addIfPresent(fields, WEBSITE, honeypot);
    return fields;
  }

  private static void addIfPresent(List<Field> fields, String name, Object value) {
    if (value != null) {
      fields.add(new Field(name, value));
    }
  }

  /**
   * One hostile change to a request's fields: a field given any JSON value, removed, repeated, an
   * unknown field added, a text field given a length around a limit, or a field nested deeply.
   */
  private void change(List<Field> fields) {
    switch (draw.nextInt(6)) {
      case 0 -> replace(fields, draw.oneOf(FIELDS), anyJson(3));
      case 1 -> {
        String name = draw.oneOf(FIELDS);
        fields.removeIf(f -> f.name().equals(name));
      }
      case 2 -> fields.add(new Field(draw.oneOf(FIELDS), anyJson(1)));
      case 3 -> fields.add(new Field(hostileText(), anyJson(2)));
      case 4 -> replace(fields, draw.oneOf(TEXT_FIELDS), sizedText());
      default -> replace(fields, draw.oneOf(FIELDS), nested(draw.oneOf("[", "{\"a\":"), draw.between(2, 6000)));
    }
  }

  private static void replace(List<Field> fields, String name, Object value) {
    fields.removeIf(f -> f.name().equals(name));
    fields.add(new Field(name, value));
  }

  private static Raw nested(String open, int depth) {
    String close = open.equals("[") ? "]" : "}";
    return new Raw(open.repeat(depth) + "1" + close.repeat(depth));
  }

  /** Any JSON value, nested up to {@code depth} levels. */
  private Object anyJson(int depth) {
    return switch (depth == 0 ? 0 : draw.nextInt(3)) {
      case 0 -> anyScalar();
      case 1 -> draw.listOf(0, 7, () -> anyJson(depth - 1));
      default -> new Obj(draw.listOf(0, 4, () -> new Field(hostileText(), anyJson(depth - 1))));
    };
  }

  private Object anyScalar() {
    return switch (draw.nextInt(3)) {
      case 0 -> hostileText();
      case 1 ->
          new Raw(
              draw.oneOf(
                  "0",
                  "-0",
                  "1",
                  "-1",
                  "1.5",
                  "1e400",
                  "-1e-400",
                  "9".repeat(30),
                  "9".repeat(1001),
                  "01",
                  "+1",
                  "NaN",
                  "Infinity",
                  ".5",
                  "1.",
                  "0x10",
                  "null",
                  "true",
                  "false",
                  "tru",
                  "nul"));
      default -> draw.nextBoolean();
    };
  }

  /** Short hostile text: edge cases alone or mixed with ordinary words, or any BMP characters. */
  private String hostileText() {
    return switch (draw.nextInt(3)) {
      case 0 -> draw.oneOf(UNICODE_EDGES);
      case 1 ->
          String.join(
              "",
              draw.listOf(
                  0,
                  12,
                  () ->
                      draw.nextBoolean()
                          ? draw.oneOf(UNICODE_EDGES)
                          : draw.oneOf("Ada", "Lovelace", "a@b.example", "Europe/London", " ")));
      default -> draw.anyChars(40);
    };
  }

  /** Text of a length around a limit, made of one kind of character (one or two chars each). */
  private String sizedText() {
    return draw.oneOf("a", "\u00e9", "\ud83d\ude00", "e\u0301", " ", "\u202e", "\u200b", "\u0000", "1")
        .repeat(draw.oneOf(LENGTHS));
  }

  // ------------------------------------------------------------------ bodies

  /** The fields as a JSON object, repeated keys and all. */
  private static String json(List<Field> fields) {
    return jsonText(new Obj(fields));
  }

  private static String jsonText(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof String text) {
      string(text, out);
    } else if (value instanceof Raw raw) {
      out.append(raw.json());
    } else if (value instanceof Boolean bool) {
      out.append(bool);
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof Obj obj) {
      out.append('{');
      for (int i = 0; i < obj.fields().size(); i++) {
        out.append(i == 0 ? "" : ",");
        string(obj.fields().get(i).name(), out);
        out.append(':');
        write(obj.fields().get(i).value(), out);
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException("Not a JSON value: " + value);
    }
  }

  /** Control characters and lone surrogates escaped (\\uD800 is valid JSON); the rest as is. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
                  && i + 1 < text.length()
                  && Character.isLowSurrogate(text.charAt(i + 1))
              || Character.isLowSurrogate(c)
                  && i > 0
                  && Character.isHighSurrogate(text.charAt(i - 1));
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || (Character.isSurrogate(c) && !paired)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }

  /**
   * The fields as a form: lists become repeated names, other non-text values their JSON. Fully
   * percent-encoded, or only where the form syntax needs it (Unicode sent as is).
   */
  private static String form(List<Field> fields, boolean fullyEncoded) {
    List<String> pairs = new ArrayList<>();
    for (Field field : fields) {
      List<?> values =
          field.value() instanceof List<?> list ? list : Collections.singletonList(field.value());
      for (Object value : values) {
        String text = value instanceof String s ? s : jsonText(value);
        pairs.add(encode(field.name(), fullyEncoded) + "=" + encode(text, fullyEncoded));
      }
    }
    return String.join("&", pairs);
  }

  private static String encode(String text, boolean fully) {
    return fully
        ? URLEncoder.encode(text, StandardCharsets.UTF_8)
        : text.replace("%", "%25").replace("&", "%26").replace("=", "%3D").replace("+", "%2B");
  }


  // ------------------------------------------------------------------ damage to the text

  /**
   * Usually nothing; else the body cut short, extended, replaced, given a raw control character or
   * padded.
   */
  private String jsonDamage(String body) {
    return damage(
        body,
        List.of(",", "}", "{}", " x", "\u0000", "{\"name\":\"again\"}", "]", "\"", "\\"),
        List.of(
            "",
            " ",
            "null",
            "true",
            "1",
            "\"text\"",
            "[]",
            "[{}]",
            "{",
            "}",
            "\ufeff{}",
            "{\"name\":\"A\"}garbage",
            "{\"\":\"\"}"));
  }

  private String formDamage(String body) {
    return damage(
        body,
        List.of(
            "&",
            "&&=&",
            "=x",
            "&name",
            "%",
            "%zz",
            "%u0041",
            "&name=%00",
            "&email=%ED%A0%80",
            "&consent=on&consent=off",
            "&%FF%FE=1",
            "+++",
            "&a=b=c"),
        List.of("", "=", "&", "name", "name=", "%", "consent=on", "=&=&="));
  }

  private String damage(String text, List<String> suffixes, List<String> replacements) {
    return switch (draw.weighted(12, 2, 1, 1, 1, 1)) {
      case 0 -> text;
      case 1 -> text.substring(0, positionIn(text));
      case 2 -> text + draw.oneOf(suffixes);
      case 3 -> draw.oneOf(replacements);
      case 4 ->
          insert(
              text,
              positionIn(text),
              draw.oneOf("\u0000", "\u0001", "\n", "\u001f", "\u007f", "\ud800"));
      default -> {
        int size =
            draw.oneOf(
                ConsultationsHandler.MAX_BODY_BYTES - 10, ConsultationsHandler.MAX_BODY_BYTES + 1, 70_000);
        yield text + " ".repeat(Math.max(0, size - text.length()));
      }
    };
  }

  /** A position in the text, its start and end included. */
  private int positionIn(String text) {
    return draw.nextInt(text.length() + 1);
  }

  private static String insert(String text, int at, String inserted) {
    return text.substring(0, at) + inserted + text.substring(at);
  }

  // ------------------------------------------------------------------ content types

  /** Missing, empty, parameters without a type, other charsets and types, and plain junk. */
  private String oddContentType() {
    return draw.orNull(
        0.1,
        () ->
            draw.oneOf(
                "",
                ";",
                ";;",
                " ; charset=utf-8",
                "application/json; charset=iso-8859-1",
                "application/json; charset=utf-16",
                "application/json; charset=",
                "application/json; charset=\"\"",
                "application/json; charset=utf-8; charset=latin1",
                "application/x-www-form-urlencoded; charset=windows-1252",
                "text/plain",
                "text/plain; charset=utf-8",
                "text/json",
                "text/html",
                "application/jsonp",
                "application/json-patch+json",
                "application/problem+json",
                "application/xml",
                "multipart/form-data; boundary=----x",
                "application/octet-stream",
                "*/*",
                "application/json, text/plain",
                "application/json\u0000",
                "application/json\r\nX-Injected: yes",
                "\uff41\uff50\uff50\uff4c\uff49\uff43\uff41\uff54\uff49\uff4f\uff4e/json",
                "application/json;" + " ".repeat(5000),
                "x".repeat(10_000),
                "application/x-www-form-urlencoded;foo=\"bar;baz\""));
  }
}
