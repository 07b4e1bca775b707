package dev.contentfunctions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.HashMap;
import java.util.List;
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
  private List<QueryParameters.Parameter> queryParameters;

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
   * The query's parameters in order, decoded once, here, from {@code rawQueryString}: API Gateway's
   * {@code queryStringParameters} are decoded too, but join a repeated name's values with commas
   * (ambiguous) and cannot be re-encoded as sent.
   *
   * @throws ApiException.BadRequest a malformed percent-escape, or escapes that are not UTF-8
   */
  public List<QueryParameters.Parameter> queryParameters() {
    if (queryParameters == null) {
      queryParameters = QueryParameters.parse(event.getRawQueryString() == null ? "" : event.getRawQueryString());
    }
    return queryParameters;
  }

  /**
   * The decoded value of the parameter whose decoded name is {@code name}, or null.
   *
   * @throws ApiException.BadRequest the parameter is given more than once, or the query is malformed
   */
  public String query(String name) {
    String value = null;
    for (QueryParameters.Parameter parameter : queryParameters()) {
      if (parameter.name().equals(name)) {
        if (value != null) {
          throw new ApiException.BadRequest("The parameter '" + name + "' is given more than once.");
        }
        value = parameter.value();
      }
    }
    return value;
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
