package dev.contentfunctions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.kit.json.JsonWriter;
import java.util.HashMap;
import java.util.Map;

/** API Gateway (HTTP API, payload 2.0) responses: JSON, problem details, and the headers all share. */
public final class HttpResponses {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

  /** What every response a browser may read carries: no MIME sniffing, not framable, no referrer leak. */
  private static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
          "Referrer-Policy", "strict-origin-when-cross-origin");

  private HttpResponses() {}

  public static APIGatewayV2HTTPResponse response(int status, String contentType, String body, Map<String, String> headers) {
    Map<String, String> all = new HashMap<>(headers);
    if (contentType != null) {
      all.put("Content-Type", contentType);
    }
    // Last, so that no caller's headers can weaken them.
    all.putAll(SECURITY_HEADERS);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(all)
        .withBody(body)
        .withIsBase64Encoded(false)
        .build();
  }

  /** RFC 9457 problem details, with the request id so a report can be matched to the logs. */
  public static APIGatewayV2HTTPResponse problem(ApiException e, String requestId) {
    Map<String, String> headers = new HashMap<>(e.headers());
    headers.putIfAbsent("Cache-Control", "no-store");
    JsonWriter body = problemBody(e.status(), e.title(), e.getMessage(), requestId);
    e.extensions().forEach(body::field);
    return response(e.status(), PROBLEM_JSON, body.finish(), headers);
  }

  /** A failure of ours: no stack trace or exception text, only what helps find it in the logs. */
  public static APIGatewayV2HTTPResponse unexpected(String requestId) {
    return response(
        500,
        PROBLEM_JSON,
        problemBody(500, "Internal Server Error", "Something went wrong on our side; please try again later.", requestId)
            .finish(),
        Map.of("Cache-Control", "no-store"));
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
