package dev.contentfunctions.posts;

import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.testkit.SeededDraws;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  private static final CursorCodec OWN_KEY = new CursorCodec(BlogTestBed.HASHING_SECRET);

  private final SeededDraws draw;
  private final List<String> cursors;
  private final List<String> etags;

  /**
   * @param cursors cursors the API really gave out, to replay and edit
   * @param etags ETags the API really gave out, to send back in If-None-Match
   */
  HostileReads(long seed, List<String> cursors, List<String> etags) {
    this.draw = new SeededDraws(seed);
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

  /** The paths whose ETags (plain, then gzip) the caller gives, in this order. */
  static final List<String> REVALIDATED =
      List.of("/posts", "/tags", "/feed.xml", "/posts/fish-chips", "/posts/mindfulness-for-relationships");

  ReadRequest request() {
    if (draw.weighted(9, 1) == 1) {
      return revalidation();
    }
    String method =
        switch (draw.weighted(12, 3, 1, 1, 1, 1)) {
          case 0 -> "GET";
          case 1 -> "HEAD";
          case 2 -> "OPTIONS";
          case 3 -> "POST";
          case 4 -> "DELETE";
          default -> "get";
        };
    return new ReadRequest(method, path(), headers());
  }

  /** A cache revalidating what it holds: a path's own ETag (either variant, maybe weak) back. */
  private ReadRequest revalidation() {
    int path = draw.nextInt(REVALIDATED.size());
    boolean gzip = draw.nextBoolean();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("If-None-Match", draw.oneOf("", "W/") + etags.get(2 * path + (gzip ? 1 : 0)));
    if (gzip) {
      headers.put("Accept-Encoding", "gzip");
    }
    return new ReadRequest(draw.oneOf("GET", "HEAD"), REVALIDATED.get(path), headers);
  }

  // ------------------------------------------------------------------ paths and queries

  private String path() {
    return switch (draw.weighted(4, 4, 2, 2, 1, 1)) {
      case 0 -> "/posts" + query();
      case 5 -> "/posts?limit=" + encode(limitValue());
      case 1 ->
          "/posts/"
              + slugSegment()
              + draw.oneOf("", "/", "?preview=" + BlogTestBed.PREVIEW_TOKEN);
      case 2 -> {
        String slug = slugSegment();
        String limit = limit();
        yield "/posts/" + slug + "/related" + (limit == null ? "" : "?limit=" + encode(limit));
      }
      case 3 ->
          draw.oneOf(
              "/tags",
              "/feed.xml",
              "/sitemap.xml",
              "/tags/",
              "/feed.xml/",
              "/",
              "",
              "//posts",
              "/posts//related");
      default -> "/" + String.join("/", draw.listOf(0, 4, this::slugSegment));
    };
  }

  /** Any mix of limit, cursor, tag, preview and unknown parameters, some repeated. */
  private String query() {
    List<String> parameters =
        draw.listOf(
            0,
            4,
            () ->
                switch (draw.nextInt(4)) {
                  case 0 -> "limit=" + encode(limitValue());
                  case 1 -> "cursor=" + encode(cursor());
                  case 2 -> "tag=" + encode(tag());
                  default ->
                      draw.oneOf(
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
    return draw.orNull(0.3, this::limitValue);
  }

  private String limitValue() {
    return draw.weighted(3, 2) == 0
        ? draw.oneOf("1", "3", "10", "50")
        : draw.oneOf(
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
    return switch (draw.weighted(4, 1, 1, 1)) {
      case 0 -> draw.oneOf(TAGS);
      case 1 -> draw.oneOf(TAGS).toUpperCase(Locale.ROOT);
      case 2 ->
          draw.oneOf(
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
      default -> draw.anyChars(30);
    };
  }

  /**
   * Random text, random base64, cursors the API gave out, those cursors edited (a character, cut
   * short, extended, padded, another alphabet, upper case), and cursors signed with the blog's own
   * key: for any listing, any position, any length of slug.
   */
  private String cursor() {
    return switch (draw.weighted(2, 2, 2, 1, 1, 1)) {
      case 0 -> draw.oneOf(cursors);
      case 1 ->
          edit(
              draw.oneOf(cursors),
              draw.between(0, 1000),
              draw.oneOf("flip", "cut", "extend", "pad", "alphabet", "upper"));
      case 2 -> reSignedCursor();
      case 3 -> {
        byte[] bytes = new byte[draw.between(0, 200)];
        draw.nextBytes(bytes);
        yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
      case 4 -> draw.anyChars(60);
      default -> draw.oneOf("", "=", "A", "AAAAAAAAAAAA");
    };
  }

  /** Signed with the blog's own key: what only a leaked key (or a bug of ours) could produce. */
  private String reSignedCursor() {
    String list =
        draw.oneOf("posts", "posts:tag:numbered", "posts:tag:even", "posts:tag:", "posts:tag:no-such-tag", "PUBLISHED");
    String time =
        draw.oneOf(
            "2026-01-15T12:00:00Z",
            "2024-01-03T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z");
    String slug =
        switch (draw.nextInt(3)) {
          case 0 -> draw.oneOf(SLUGS);
          case 1 -> draw.text(SeededDraws.chars('a', 'z'), 1, 30);
          default -> "a".repeat(draw.oneOf(900, 1100, 2100, 5000));
        };
    List<String> fields = draw.nextInt(5) == 0 ? List.of(time + "#" + slug) : List.of(time, slug);
    return OWN_KEY.encode(list, fields);
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
        switch (draw.weighted(4, 1, 2, 1)) {
          case 0 -> draw.oneOf(SLUGS);
          case 1 -> draw.oneOf(SLUGS).toUpperCase(Locale.ROOT);
          case 2 ->
              draw.oneOf(
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
          default -> draw.anyChars(30);
        };
    boolean typable =
        slug.chars().noneMatch(c -> c == '%' || c == '?' || c == '#') && !slug.isEmpty();
    return switch (draw.oneOf("encoded", "twice", "typed")) {
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
        draw.orNull(
            0.5,
            () ->
                switch (draw.nextInt(5)) {
                  case 0 -> draw.oneOf(etags);
                  case 1 -> "W/" + draw.oneOf(etags);
                  case 2 -> "\"stale\", " + draw.oneOf(etags);
                  case 3 ->
                      draw.oneOf(
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
                  default -> draw.anyChars(40);
                });
    String acceptEncoding =
        draw.orNull(
            0.4,
            () ->
                draw.nextBoolean()
                    ? String.join(
                        ", ",
                        draw.listOf(
                            0,
                            4,
                            () ->
                                draw.oneOf(
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
                    : draw.anyChars(40));
    String previewToken =
        draw.orNull(
            0.8,
            () ->
                draw.oneOf(
                    BlogTestBed.PREVIEW_TOKEN,
                    "wrong",
                    "",
                    " ",
                    BlogTestBed.PREVIEW_TOKEN + " ",
                    "t".repeat(10_000),
                    "\u00e9\u0000"));
    String accept =
        draw.orNull(
            0.7,
            () ->
                draw.oneOf(
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
}
