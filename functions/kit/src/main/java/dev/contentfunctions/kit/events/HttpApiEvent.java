package dev.contentfunctions.kit.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of an API Gateway HTTP API event (payload format 2.0) that the functions read, and
 * nothing else. Header names are in lower case (API Gateway sends them so; an event written by
 * hand may not, and repeated names are then joined by commas as API Gateway joins them). Absent
 * fields get the defaults an incomplete event needs: method GET, path "/", no query, no body.
 *
 * @param rawQueryString the query as the client sent it, percent-escapes and all: the one source
 *     the HTTP layer decodes parameters from (API Gateway's own decoded map is not read)
 * @param requestId API Gateway's id for the request (what a visitor can quote), else null
 * @param iam the SigV4 identity API Gateway verified on an IAM-authorised route, else null
 * @param routeKey the route API Gateway matched, as the template names it ({@code ANY /posts/{slug}},
 *     {@code $default}), never the raw path; null when the event has none
 */
public record HttpApiEvent(
    String method,
    String rawPath,
    String rawQueryString,
    Map<String, String> headers,
    List<String> cookies,
    Map<String, String> pathParameters,
    String body,
    boolean isBase64Encoded,
    String requestId,
    String sourceIp,
    IamCaller iam,
    String routeKey) {

  /** requestContext.authorizer.iam: who signed the request. */
  public record IamCaller(String accessKey, String userArn) {}

  /** Reads one event; anything that is not an HTTP API 2.0 event is a {@link MalformedEventException}. */
  public static HttpApiEvent read(InputStream json) throws IOException {
    Map<String, Object> event = EventJson.read(json, "HTTP API");
    Map<String, String> headers = new LinkedHashMap<>();
    EventJson.strings(event, "headers", "")
        .forEach((name, value) -> headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
    List<String> cookies = new ArrayList<>();
    for (Object cookie : EventJson.array(event, "cookies", "")) {
      if (!(cookie instanceof String text)) {
        throw EventJson.wrongType("cookies[]", "a string");
      }
      cookies.add(text);
    }
    Map<String, Object> context = EventJson.object(event, "requestContext", "");
    Map<String, Object> http = EventJson.object(context, "http", "requestContext.");
    Map<String, Object> authorizer = EventJson.object(context, "authorizer", "requestContext.");
    Map<String, Object> iam = EventJson.object(authorizer, "iam", "requestContext.authorizer.");
    String method = EventJson.text(http, "method", "requestContext.http.");
    String rawPath = EventJson.text(event, "rawPath", "");
    String rawQuery = EventJson.text(event, "rawQueryString", "");
    return new HttpApiEvent(
        method == null ? "GET" : method.toUpperCase(Locale.ROOT),
        rawPath == null || rawPath.isEmpty() ? "/" : rawPath,
        rawQuery == null ? "" : rawQuery,
        Map.copyOf(headers),
        List.copyOf(cookies),
        Map.copyOf(EventJson.strings(event, "pathParameters", "")),
        EventJson.text(event, "body", ""),
        EventJson.bool(event, "isBase64Encoded", ""),
        EventJson.text(context, "requestId", "requestContext."),
        EventJson.text(http, "sourceIp", "requestContext.http."),
        iam.isEmpty()
            ? null
            : new IamCaller(
                EventJson.text(iam, "accessKey", "requestContext.authorizer.iam."),
                EventJson.text(iam, "userArn", "requestContext.authorizer.iam.")),
        EventJson.text(event, "routeKey", ""));
  }
}
