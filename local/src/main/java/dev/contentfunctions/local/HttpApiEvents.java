package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What API Gateway does for an HTTP API route with a Lambda integration, payload format 2.0: the
 * event it builds from a request, and the HTTP response it makes of the function's response.
 */
final class HttpApiEvents {
  /**
   * Everything else (form posts and requests without a Content-Type too) arrives base64-encoded.
   */
  private static final Set<String> TEXT_TYPES =
      Set.of("application/json", "application/xml", "application/javascript");

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

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private HttpApiEvents() {}

  static APIGatewayV2HTTPEvent toEvent(
      HttpExchange exchange,
      byte[] body,
      HttpApiRoutes.Match match,
      String requestId,
      Instant now) {
    // API Gateway hands the path over decoded, and the query string as sent.
    String path = exchange.getRequestURI().getPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              String lowerCase = name.toLowerCase(Locale.ROOT);
              if (lowerCase.equals("cookie")) {
                // Format 2.0 moves the cookies out of the headers, one entry per cookie.
                values.forEach(value -> cookies.addAll(cookiePairs(value)));
              } else {
                headers.merge(lowerCase, String.join(",", values), (a, b) -> a + "," + b);
              }
            });
    String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
    headers.putIfAbsent("x-forwarded-for", sourceIp);
    headers.putIfAbsent("x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));
    headers.putIfAbsent("x-forwarded-proto", "http");
    String host = headers.getOrDefault("host", "localhost").replaceFirst(":\\d+$", "");

    String contentType = headers.get("content-type");
    boolean base64 = body.length > 0 && !isText(contentType);
    String routeKey = match.route().routeKey();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(routeKey)
        .withRawPath(path)
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(queryParameters(rawQuery))
        .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
        .withBody(
            body.length == 0
                ? null
                : base64
                    ? Base64.getEncoder().encodeToString(body)
                    : new String(body, charset(contentType)))
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(routeKey)
                .withAccountId(TemplateValues.ACCOUNT_ID)
                .withApiId("local")
                .withStage("$default")
                .withDomainName(host)
                .withDomainPrefix(host.split("\\.", 2)[0])
                .withRequestId(requestId)
                .withAuthorizer(
                    match.route().iamAuthorized()
                        ? APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                            .withIam(LOCAL_CALLER)
                            .build()
                        : null)
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT))
                        .withPath(path)
                        .withProtocol(exchange.getProtocol())
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build())
                .build())
        .build();
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

  /** Whether API Gateway passes a body of this type as text rather than base64. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return mediaType.startsWith("text/") || TEXT_TYPES.contains(mediaType);
  }

  /** Decoded parameters; a repeated name's values joined with commas, in order; null if none. */
  static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters.isEmpty() ? null : parameters;
  }

  private static List<String> cookiePairs(String header) {
    List<String> pairs = new ArrayList<>();
    for (String pair : header.split(";")) {
      if (!pair.isBlank()) {
        pairs.add(pair.strip());
      }
    }
    return pairs;
  }

  private static Charset charset(String contentType) {
    for (String parameter : contentType.split(";")) {
      String[] nameValue = parameter.strip().split("=", 2);
      if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("charset")) {
        try {
          return Charset.forName(nameValue[1].strip().replace("\"", ""));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
