package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0) hands a function for one request:
 * header names in lower case, repeated query parameters joined by commas, binary bodies in base64.
 */
public final class HttpApiRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String body;
  private boolean base64;
  private String sourceIp = "192.0.2.10";
  private String routeKey;

  private HttpApiRequest(String method, String pathAndQuery) {
    this.method = method.toUpperCase(Locale.ROOT);
    int q = pathAndQuery.indexOf('?');
    this.path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    this.rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
  }

  public static HttpApiRequest of(String method, String pathAndQuery) {
    return new HttpApiRequest(method, pathAndQuery);
  }

  /** Repeated headers are joined by commas, as API Gateway joins them. */
  public HttpApiRequest header(String name, String value) {
    headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
    return this;
  }

  public HttpApiRequest body(String text) {
    this.body = text;
    this.base64 = false;
    return this;
  }

  public HttpApiRequest body(byte[] bytes) {
    this.body = Base64.getEncoder().encodeToString(bytes);
    this.base64 = true;
    return this;
  }

  public HttpApiRequest sourceIp(String ip) {
    this.sourceIp = ip;
    return this;
  }

  /** The template's route (e.g. "GET /posts/{slug}"); default: method and path. */
  public HttpApiRequest routeKey(String key) {
    this.routeKey = key;
    return this;
  }

  public APIGatewayV2HTTPEvent build() {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (!pair.isEmpty()) {
        String[] kv = pair.split("=", 2);
        query.merge(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "",
            (a, b) -> a + "," + b);
      }
    }
    Instant now = Instant.now();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey != null ? routeKey : method + " " + path)
        .withRawPath(path)
        .withRawQueryString(rawQuery)
        .withQueryStringParameters(query.isEmpty() ? null : query)
        .withHeaders(new LinkedHashMap<>(headers))
        .withBody(body)
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString())
                .withDomainName("localhost")
                .withStage("$default")
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", "test"))
                        .build())
                .build())
        .build();
  }
}
