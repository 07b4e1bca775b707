package dev.contentfunctions.http;

import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.kit.json.JsonWriter;
import java.util.HashMap;
import java.util.Map;

/** Every response an HTTP function sends is built here: the headers all share, problems, redirects. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String NO_STORE = "no-store";

  /** What every response a browser may read carries: no MIME sniffing, not framable, no referrer leak. */
  static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Referrer-Policy", "strict-origin-when-cross-origin");

  /**
   * The website's pages: their own scripts, styles and requests only (no inline script: JSON-LD is
   * data, never run), images also from https, forms posted back to the site, not framable.
   */
  public static final String PAGE_CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
          + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'";

  private Responses() {}

  public static HttpApiResponse response(int status, String contentType, String body, Map<String, String> headers) {
    return response(status, contentType, body, false, headers);
  }

  static HttpApiResponse response(
      int status, String contentType, String body, boolean base64, Map<String, String> headers) {
    return response(status, contentType, body, base64, headers, contentType);
  }

  /**
   * @param representationType the content type of what the response stands for: a 304 has none
   *     of its own, but a cache that revalidates a page takes its headers, so it carries the page's CSP
   */
  static HttpApiResponse response(
      int status, String contentType, String body, boolean base64, Map<String, String> headers, String representationType) {
    Map<String, String> all = new HashMap<>(headers);
    if (contentType != null) {
      all.put("Content-Type", contentType);
    }
    // Last, so that no caller's headers can weaken them.
    all.putAll(SECURITY_HEADERS);
    if (representationType != null && representationType.startsWith("text/html")) {
      all.put("Content-Security-Policy", PAGE_CSP);
    }
    return new HttpApiResponse(status, all, body, base64);
  }

  /** A JSON answer that no cache may keep (what a write or a private read answers). */
  public static HttpApiResponse json(int status, String body) {
    return response(status, JSON, body, Map.of("Cache-Control", NO_STORE));
  }

  /** A redirect; its cacheability is the caller's to say (a moved post is public, a form's is not). */
  public static HttpApiResponse redirect(int status, String location, String cacheControl) {
    return response(status, null, null, Map.of("Location", location, "Cache-Control", cacheControl));
  }

  /** RFC 9457 problem details, with the request id so that a report can be matched to the logs. */
  public static HttpApiResponse problem(ApiException e, String requestId) {
    Map<String, String> headers = new HashMap<>(e.headers());
    headers.putIfAbsent("Cache-Control", NO_STORE);
    JsonWriter body = problemBody(e.status(), e.title(), e.getMessage(), requestId);
    e.extensions().forEach(body::field);
    return response(e.status(), PROBLEM_JSON, body.finish(), headers);
  }

  /** A failure of ours: no stack trace or exception text, only what helps find it in the logs. */
  public static HttpApiResponse unexpected(String requestId) {
    return response(
        500,
        PROBLEM_JSON,
        problemBody(500, "Internal Server Error", "Something went wrong on our side; please try again later.", requestId)
            .finish(),
        Map.of("Cache-Control", NO_STORE));
  }

  private static JsonWriter problemBody(int status, String title, String detail, String requestId) {
    return JsonWriter.object()
        .field("type", "about:blank")
        .field("title", title)
        .field("status", status)
        .field("detail", detail)
        .field("requestId", requestId);
  }
}
