package dev.contentfunctions.posts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Requests to the read API, drawn from one seed: random and hostile slugs, cursors (random, random
 * base64, edited and re-signed), limits, tags and header values, for the small blog that {@link
 * ReadApiPropertiesIT} publishes. The same seed (and the same cursors and ETags) always gives the
 * same request.
 *
 * <p>Valid values are weighted up throughout, so that enough requests get through to a 200 (where
 * ETags, gzip and the documents are) rather than stopping at the first bad parameter.
 */
final class HostileReads {
  /** The slugs of the blog: current, former, draft, scheduled, removed. */
  static final List<String> SLUGS =
      List.of(
          "fish-chips",
          "numbered-1",
          "numbered-2",
          "a-draft",
          "scheduled",
          "renamed-now",
          "renamed-before",
          "removed",
          "mindfulness-for-relationships");

  static final List<String> TAGS =
      List.of("numbered", "even", "food", "relationships", "communication");

  private final SplittableRandom random;
  private final List<String> cursors;
  private final List<String> etags;

  /**
   * @param cursors cursors the API really gave out, to replay and edit
   * @param etags ETags the API really gave out, to send back in If-None-Match
   */
  HostileReads(long seed, List<String> cursors, List<String> etags) {
    this.random = new SplittableRandom(seed);
    this.cursors = cursors;
    this.etags = etags;
  }

  /**
   * One request as a client sends it: the path and query as on the wire (percent-escapes valid).
   */
  record ReadRequest(String method, String pathAndQuery, Map<String, String> headers) {
    @Override
    public String toString() {
      return method
          + " "
          + shorten(pathAndQuery)
          + " "
          + headers.entrySet().stream()
              .map(h -> h.getKey() + ": " + shorten(h.getValue()))
              .toList();
    }

    private static String shorten(String text) {
      return text.length() > 300
          ? text.substring(0, 300) + "... (" + text.length() + " chars)"
          : text;
    }
  }

  ReadRequest request() {
    String method =
        switch (weighted(12, 3, 1, 1, 1, 1)) {
          case 0 -> "GET";
          case 1 -> "HEAD";
          case 2 -> "OPTIONS";
          case 3 -> "POST";
          case 4 -> "DELETE";
          default -> "get";
        };
    return new ReadRequest(method, path(), headers());
  }

  // ------------------------------------------------------------------ paths and queries

  private String path() {
    return switch (weighted(4, 4, 2, 2, 1)) {
      case 0 -> "/posts" + query();
      case 1 ->
          "/posts/"
              + slugSegment()
              + oneOf("", "/", "?preview=" + BlogTestBed.PREVIEW_TOKEN);
      case 2 -> {
        String slug = slugSegment();
        String limit = limit();
        yield "/posts/" + slug + "/related" + (limit == null ? "" : "?limit=" + encode(limit));
      }
      case 3 ->
          oneOf(
              "/tags",
              "/feed.xml",
              "/sitemap.xml",
              "/tags/",
              "/feed.xml/",
              "/",
              "",
              "//posts",
              "/posts//related");
      default -> "/" + String.join("/", listOf(0, 4, this::slugSegment));
    };
  }

  /** Any mix of limit, cursor, tag, preview and unknown parameters, some repeated. */
  private String query() {
    List<String> parameters =
        listOf(
            0,
            4,
            () ->
                switch (random.nextInt(4)) {
                  case 0 -> "limit=" + encode(limitValue());
                  case 1 -> "cursor=" + encode(cursor());
                  case 2 -> "tag=" + encode(tag());
                  default ->
                      oneOf(
                          "preview=" + BlogTestBed.PREVIEW_TOKEN,
                          "preview=wrong",
                          "preview",
                          "x=1",
                          "=",
                          "&",
                          "limit",
                          "cursor=");
                });
    return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
  }

  /** No limit at all, or a limit as {@link #limitValue}. */
  private String limit() {
    return orNull(0.3, this::limitValue);
  }

  private String limitValue() {
    return weighted(3, 2) == 0
        ? oneOf("1", "3", "10", "50")
        : oneOf(
            "-1",
            "0",
            "11",
            "51",
            "2147483648",
            "99999999999999999999",
            " 7 ",
            "1e2",
            "0x10",
            "\u0663",
            "\uff11",
            "",
            "ten",
            "1,2",
            "+5",
            "-0",
            "\u0000");
  }

  private String tag() {
    return switch (weighted(4, 1, 1, 1)) {
      case 0 -> oneOf(TAGS);
      case 1 -> oneOf(TAGS).toUpperCase(Locale.ROOT);
      case 2 ->
          oneOf(
              "",
              " ",
              "a--b",
              "-a",
              "a-",
              "a".repeat(100),
              "a".repeat(101),
              "caf\u00e9",
              "\ud83c\udff7",
              "%",
              "TAG#x",
              "numbered\u0000");
      default -> anyChars(30);
    };
  }

  /**
   * Random text, random base64, cursors the API gave out, those cursors edited (a character, cut
   * short, extended, padded, another alphabet, upper case), and cursors re-signed with the same
   * public check value: for any listing, any position, any length of slug.
   */
  private String cursor() {
    return switch (weighted(2, 2, 2, 1, 1, 1)) {
      case 0 -> oneOf(cursors);
      case 1 ->
          edit(
              oneOf(cursors),
              between(0, 1000),
              oneOf("flip", "cut", "extend", "pad", "alphabet", "upper"));
      case 2 -> reSignedCursor();
      case 3 -> {
        byte[] bytes = new byte[between(0, 200)];
        random.nextBytes(bytes);
        yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      case 4 -> anyChars(60);
      default -> oneOf("", "=", "A", "AAAAAAAAAAAA");
    };
  }

  private String reSignedCursor() {
    String list =
        oneOf("PUBLISHED", "TAG#numbered", "TAG#even", "TAG#", "TAG#no-such-tag", "published");
    String time =
        oneOf(
            "2026-01-15T12:00:00Z",
            "2024-01-03T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z");
    String slug =
        switch (random.nextInt(3)) {
          case 0 -> oneOf(SLUGS);
          case 1 -> text(chars('a', 'z'), 1, 30);
          default -> "a".repeat(oneOf(900, 1100, 2100, 5000));
        };
    return PageCursor.encode(list, time + "#" + slug);
  }

  private static String edit(String cursor, int at, String how) {
    int i = at % cursor.length();
    return switch (how) {
      case "flip" ->
          cursor.substring(0, i) + (cursor.charAt(i) == 'A' ? 'B' : 'A') + cursor.substring(i + 1);
      case "cut" -> cursor.substring(0, i);
      case "extend" -> cursor + "AAAA";
      case "pad" -> cursor + "==";
      case "alphabet" -> cursor.replace('-', '+').replace('_', '/');
      default -> cursor.toUpperCase(Locale.ROOT);
    };
  }

  /**
   * A path segment for a slug: real slugs (current, former, draft, scheduled, removed), their upper
   * case, dots, slashes, very long and Unicode text; percent-encoded once, twice, or sent as typed
   * when that is a valid path.
   */
  private String slugSegment() {
    String slug =
        switch (weighted(4, 1, 2, 1)) {
          case 0 -> oneOf(SLUGS);
          case 1 -> oneOf(SLUGS).toUpperCase(Locale.ROOT);
          case 2 ->
              oneOf(
                  "..",
                  ".",
                  "../tags",
                  "../../feed.xml",
                  "a/b",
                  "%2e%2e",
                  "..%2f..%2f",
                  "-",
                  "--",
                  "a--b",
                  "-a",
                  "a-",
                  " ",
                  "\u0000",
                  "\u202eevil",
                  "\ud83d\udc1f",
                  "fish-chips\u200b",
                  "fish-chips ",
                  "fish-chips/related/related",
                  "a".repeat(100),
                  "a".repeat(101),
                  "a-".repeat(2000) + "a",
                  "\u00e9".repeat(3000));
          default -> anyChars(30);
        };
    boolean typable =
        slug.chars().noneMatch(c -> c == '%' || c == '?' || c == '#') && !slug.isEmpty();
    return switch (oneOf("encoded", "twice", "typed")) {
      case "twice" -> encodeSegment(encodeSegment(slug));
      case "typed" -> typable ? slug : encodeSegment(slug);
      default -> encodeSegment(slug);
    };
  }

  /** Percent-encoded for a path: a space is %20 there ('+' is a plus). */
  private static String encodeSegment(String text) {
    return encode(text).replace("+", "%20");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ headers

  private Map<String, String> headers() {
    String ifNoneMatch =
        orNull(
            0.5,
            () ->
                switch (random.nextInt(5)) {
                  case 0 -> oneOf(etags);
                  case 1 -> "W/" + oneOf(etags);
                  case 2 -> "\"stale\", " + oneOf(etags);
                  case 3 ->
                      oneOf(
                          "*",
                          "\"",
                          "W/",
                          ",,,,",
                          "\"\"",
                          "W/\"",
                          " ",
                          "\"\u00e9\"",
                          "\"a\",".repeat(3000),
                          "*".repeat(9000));
                  default -> anyChars(40);
                });
    String acceptEncoding =
        orNull(
            0.4,
            () ->
                random.nextBoolean()
                    ? String.join(
                        ", ",
                        listOf(
                            0,
                            4,
                            () ->
                                oneOf(
                                    "gzip",
                                    "GZIP",
                                    "deflate",
                                    "br",
                                    "identity",
                                    "*",
                                    "gzip;q=0",
                                    "gzip; q=0.000",
                                    "gzip;q=1",
                                    "gzip;q=",
                                    ";",
                                    ";;",
                                    "q=0.5",
                                    "",
                                    " ",
                                    "gzip;q=0;q=1",
                                    "\u0000",
                                    "x".repeat(5000))))
                    : anyChars(40));
    String previewToken =
        orNull(
            0.8,
            () ->
                oneOf(
                    BlogTestBed.PREVIEW_TOKEN,
                    "wrong",
                    "",
                    " ",
                    BlogTestBed.PREVIEW_TOKEN + " ",
                    "t".repeat(10_000),
                    "\u00e9\u0000"));
    String accept =
        orNull(
            0.7,
            () ->
                oneOf(
                    "application/json", "text/html", "*/*", "application/xml;q=0.1", "\u0000"));

    Map<String, String> headers = new LinkedHashMap<>();
    putIfPresent(headers, "If-None-Match", ifNoneMatch);
    putIfPresent(headers, "Accept-Encoding", acceptEncoding);
    putIfPresent(headers, "X-Preview-Token", previewToken);
    putIfPresent(headers, "Accept", accept);
    return headers;
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
  }

  // ------------------------------------------------------------------ drawing from the seed

  /** One of the values, each as likely. */
  @SafeVarargs
  private <T> T oneOf(T... values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** The index of a weight, drawn as often as its share: (3, 1) gives 0 three times in four. */
  private int weighted(int... weights) {
    int draw = random.nextInt(Arrays.stream(weights).sum());
    int index = 0;
    while (draw >= weights[index]) {
      draw -= weights[index++];
    }
    return index;
  }

  /** Null with the given probability, else a value. */
  private <T> T orNull(double probability, Supplier<T> value) {
    return random.nextDouble() < probability ? null : value.get();
  }

  /** From {@code min} to {@code max}, both included. */
  private int between(int min, int max) {
    return random.nextInt(min, max + 1);
  }

  private <T> List<T> listOf(int minSize, int maxSize, Supplier<T> element) {
    List<T> list = new ArrayList<>();
    for (int size = between(minSize, maxSize); size > 0; size--) {
      list.add(element.get());
    }
    return list;
  }

  /** {@code min} to {@code max} characters, each one of the alphabet's. */
  private String text(String alphabet, int min, int max) {
    StringBuilder text = new StringBuilder();
    for (int length = between(min, max); length > 0; length--) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  /** Up to {@code max} chars of any value: controls, noncharacters and lone surrogates included. */
  private String anyChars(int max) {
    StringBuilder text = new StringBuilder();
    for (int length = between(0, max); length > 0; length--) {
      text.append((char) random.nextInt(Character.MAX_VALUE + 1));
    }
    return text.toString();
  }

  /** The characters from {@code first} to {@code last}, as an alphabet for {@link #text}. */
  private static String chars(char first, char last) {
    StringBuilder chars = new StringBuilder();
    for (char c = first; c <= last; c++) {
      chars.append(c);
    }
    return chars.toString();
  }
}
