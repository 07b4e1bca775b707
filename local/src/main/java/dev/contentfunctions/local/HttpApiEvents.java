package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.contentfunctions.localaws.HttpApiRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * What API Gateway does for an HTTP API route with a Lambda integration, payload format 2.0: the
 * event it builds from a request, and the HTTP response it makes of the function's response.
 */
final class HttpApiEvents {
  /**
   * Local deviation: the caller of every IAM-authorised route. On AWS such a route answers only
   * SigV4-signed requests, and API Gateway puts the verified identity here; locally nothing is
   * signed or checked, and every request gets this identity: the access key of the local
   * credentials, a user of moto's account.
   */
  static final APIGatewayV2HTTPEvent.RequestContext.IAM LOCAL_CALLER =
      APIGatewayV2HTTPEvent.RequestContext.IAM
          .builder()
          .withAccessKey("testing")
          .withAccountId(TemplateValues.ACCOUNT_ID)
          .withCallerId("AIDALOCALRUNCALLER")
          .withUserId("AIDALOCALRUNCALLER")
          .withUserArn("arn:aws:iam::" + TemplateValues.ACCOUNT_ID + ":user/local-run")
          .build();

  private HttpApiEvents() {}

  /** The event of a request: the exchange translated into {@link HttpApiRequest}'s terms. */
  static APIGatewayV2HTTPEvent toEvent(
      HttpExchange exchange,
      byte[] body,
      HttpApiRoutes.Match match,
      String requestId,
      Instant now) {
    URI uri = exchange.getRequestURI();
    String rawQuery = uri.getRawQuery();
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    HttpApiRequest request =
        HttpApiRequest.of(
                exchange.getRequestMethod(),
                uri.getRawPath() + (rawQuery == null ? "" : "?" + rawQuery))
            .routeKey(match.route().routeKey())
            .pathParameters(match.pathParameters())
            .requestId(requestId)
            .time(now)
            .protocol(exchange.getProtocol())
            .sourceIp(sourceIp)
            .body(body);
    Headers headers = exchange.getRequestHeaders();
    headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
    // What API Gateway adds when the client did not.
    if (!headers.containsKey("X-Forwarded-For")) {
      request.header("x-forwarded-for", sourceIp);
    }
    if (!headers.containsKey("X-Forwarded-Port")) {
      request.header("x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));
    }
    if (!headers.containsKey("X-Forwarded-Proto")) {
      request.header("x-forwarded-proto", "http");
    }
    if (match.route().iamAuthorized()) {
      request.authorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withIam(LOCAL_CALLER).build());
    }
    return request.build();
  }

  /**
   * Writes the function's response: status, headers (single and multi-value), each cookie as a
   * Set-Cookie header, and the body, base64-decoded when the function encoded it.
   */
  static void write(APIGatewayV2HTTPResponse response, HttpExchange exchange) throws IOException {
    Headers headers = exchange.getResponseHeaders();
    if (response.getHeaders() != null) {
      response.getHeaders().forEach(headers::set);
    }
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
    }
    if (response.getCookies() != null) {
      response.getCookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
    }
    String body = response.getBody();
    byte[] bytes =
        body == null
            ? new byte[0]
            : response.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    send(exchange, response.getStatusCode(), bytes);
  }

  /** Sends status and body; no body at all for a HEAD request or an empty one (204, 304, ...). */
  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
