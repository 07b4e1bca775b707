package dev.contentfunctions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an API Gateway (HTTP API, payload 2.0) event a handler reads, with the defaults an
 * incomplete event (a test, a local run) needs: header names in lower case, as API Gateway sends them.
 */
public final class TypedHttpRequest {
  private final APIGatewayV2HTTPEvent event;
  private final Map<String, String> headers = new HashMap<>();
  private final String requestId;
  private Query query;

  public TypedHttpRequest(APIGatewayV2HTTPEvent event, Context context) {
    this.event = event;
    if (event.getHeaders() != null) {
      event.getHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
    }
    var requestContext = event.getRequestContext();
    this.requestId =
        requestContext != null && requestContext.getRequestId() != null
            ? requestContext.getRequestId()
            : context.getAwsRequestId();
  }

  /** API Gateway's request id (what a visitor can quote), else Lambda's. */
  public String requestId() {
    return requestId;
  }

  public String method() {
    var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
    return http == null || http.getMethod() == null ? "GET" : http.getMethod().toUpperCase(Locale.ROOT);
  }

  public String path() {
    return event.getRawPath() == null ? "/" : event.getRawPath();
  }

  /**
   * The decoded value of the parameter whose decoded name is {@code name}, or null: decoded by
   * {@link Query} from {@code rawQueryString}, as {@link HttpRequest} does.
   *
   * @throws ApiException.BadRequest the parameter is given twice with different values, or the query is malformed
   */
  public String query(String name) {
    if (query == null) {
      query = Query.parse(event.getRawQueryString());
    }
    return query.value(name);
  }

  /** A header by its lower-case name, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  public Map<String, String> headers() {
    return headers;
  }

  public String sourceIp() {
    var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
    return http == null ? null : http.getSourceIp();
  }

  public String body() {
    return event.getBody();
  }

  public boolean isBase64Encoded() {
    return event.getIsBase64Encoded();
  }

  public APIGatewayV2HTTPEvent event() {
    return event;
  }
}
