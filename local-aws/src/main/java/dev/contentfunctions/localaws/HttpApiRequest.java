package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
import java.util.UUID;

/**
 * Builds the event API Gateway (HTTP API, payload format 2.0) hands a function for one request, for
 * the function tests and for the local run alike: the path decoded and the query string as sent,
 * repeated query parameters joined by commas, header names in lower case with repeated headers
 * joined by commas, cookies moved out of the headers into their own field, and a body as text only
 * for a text content type (everything else, form posts and bodies without a content type too,
 * arrives in base64).
 */
public final class HttpApiRequest {
  /** Besides {@code text/*}, the media types API Gateway passes as text. */
  private static final Set<String> TEXT_TYPES =
      Set.of("application/json", "application/xml", "application/javascript");

  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** moto's default account, which the local run's resources live in. */
  private static final String ACCOUNT_ID = "123456789012";

  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final List<String> cookies = new ArrayList<>();
  private String text;
  private byte[] bytes;
  private String sourceIp = "192.0.2.10";
  private String routeKey;
  private Map<String, String> pathParameters = Map.of();
  private String requestId;
  private Instant time;
  private String protocol = "HTTP/1.1";
  private APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer;

  private HttpApiRequest(String method, String pathAndQuery) {
    this.method = method.toUpperCase(Locale.ROOT);
    int q = pathAndQuery.indexOf('?');
    this.path = decodePath(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
    this.rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
  }

  /** A request for a path and query as sent on the wire (percent-escapes allowed in both). */
  public static HttpApiRequest of(String method, String pathAndQuery) {
    return new HttpApiRequest(method, pathAndQuery);
  }

  /**
   * Repeated headers are joined by commas, as API Gateway joins them; a {@code Cookie} header's
   * cookies go to the event's cookies, one entry each.
   */
  public HttpApiRequest header(String name, String value) {
    String lowerCase = name.toLowerCase(Locale.ROOT);
    if (lowerCase.equals("cookie")) {
      for (String pair : value.split(";")) {
        if (!pair.isBlank()) {
          cookies.add(pair.strip());
        }
      }
    } else {
      headers.merge(lowerCase, value, (a, b) -> a + "," + b);
    }
    return this;
  }

  /** A body, encoded in the content type's charset (UTF-8 by default). */
  public HttpApiRequest body(String text) {
    this.text = text;
    this.bytes = null;
    return this;
  }

  public HttpApiRequest body(byte[] bytes) {
    this.bytes = bytes;
    this.text = null;
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

  /** The values of the route's path variables; none by default. */
  public HttpApiRequest pathParameters(Map<String, String> parameters) {
    this.pathParameters = Map.copyOf(parameters);
    return this;
  }

  /** Default: a random UUID. */
  public HttpApiRequest requestId(String id) {
    this.requestId = id;
    return this;
  }

  /** When API Gateway received the request; default: now. */
  public HttpApiRequest time(Instant time) {
    this.time = time;
    return this;
  }

  /** Default: HTTP/1.1. */
  public HttpApiRequest protocol(String protocol) {
    this.protocol = protocol;
    return this;
  }

  /** What the route's authorizer established (e.g. the IAM caller); default: no authorizer. */
  public HttpApiRequest authorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer) {
    this.authorizer = authorizer;
    return this;
  }

  public APIGatewayV2HTTPEvent build() {
    String key = routeKey != null ? routeKey : method + " " + path;
    Instant now = time != null ? time : Instant.now();
    String host = headers.getOrDefault("host", "localhost").replaceFirst(":\\d+$", "");
    String contentType = headers.get("content-type");
    Charset charset = charset(contentType);
    byte[] content = text != null ? text.getBytes(charset) : bytes;
    boolean hasBody = content != null && content.length > 0;
    boolean base64 = hasBody && !isText(contentType);
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(key)
        .withRawPath(path)
        .withRawQueryString(rawQuery)
        .withCookies(cookies.isEmpty() ? null : List.copyOf(cookies))
        .withHeaders(new LinkedHashMap<>(headers))
        .withQueryStringParameters(queryParameters(rawQuery))
        .withPathParameters(pathParameters.isEmpty() ? null : new LinkedHashMap<>(pathParameters))
        .withBody(
            !hasBody
                ? null
                : base64
                    ? Base64.getEncoder().encodeToString(content)
                    : new String(content, charset))
        .withIsBase64Encoded(base64)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRouteKey(key)
                .withAccountId(ACCOUNT_ID)
                .withApiId("local")
                .withStage("$default")
                .withDomainName(host)
                .withDomainPrefix(host.split("\\.", 2)[0])
                .withRequestId(requestId != null ? requestId : UUID.randomUUID().toString())
                .withAuthorizer(authorizer)
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
                        .withProtocol(protocol)
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build())
                .build())
        .build();
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

  /** Percent-escapes decoded as UTF-8; unlike in a query, a '+' in a path is a plus. */
  private static String decodePath(String rawPath) {
    return rawPath.indexOf('%') < 0
        ? rawPath
        : URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static Charset charset(String contentType) {
    if (contentType != null) {
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
    }
    return StandardCharsets.UTF_8;
  }
}
