package dev.contentfunctions.http;

import dev.contentfunctions.kit.events.HttpApiEvent;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.kit.metrics.Metrics;
import java.util.Map;

/**
 * One request as a handler reads it: the event's fields, its query decoded once ({@link Query}),
 * and its body read with the limits of the endpoint ({@link Body}).
 */
public final class HttpRequest {
  private final HttpApiEvent event;
  private final String requestId;
  private final Metrics.Invocation metrics;
  private Query query;

  public HttpRequest(HttpApiEvent event, String lambdaRequestId) {
    this(event, lambdaRequestId, Metrics.discarded("none").start());
  }

  /** @param metrics what this invocation records; {@link HttpEndpoint} writes it with the answer */
  public HttpRequest(HttpApiEvent event, String lambdaRequestId, Metrics.Invocation metrics) {
    this.event = event;
    this.requestId = event.requestId() != null ? event.requestId() : lambdaRequestId;
    this.metrics = metrics;
  }

  /** The invocation's metrics, for a route's business figures (a booking recorded, refused). */
  public Metrics.Invocation metrics() {
    return metrics;
  }

  /** The route API Gateway matched ({@code ANY /posts/{slug}}, {@code $default}), or null. */
  public String routeKey() {
    return event.routeKey();
  }

  /** API Gateway's request id (what a visitor can quote), else Lambda's. */
  public String requestId() {
    return requestId;
  }

  public String method() {
    return event.method();
  }

  public String path() {
    return event.rawPath();
  }

  /** The decoded query; a query that cannot be decoded is a 400 when first read. */
  public Query query() {
    if (query == null) {
      query = Query.parse(event.rawQueryString());
    }
    return query;
  }

  /** A query parameter's decoded value, or null. */
  public String query(String name) {
    return query().value(name);
  }

  /**
   * A count parameter, read the same way on every route: absent means {@code defaultValue}; anything
   * but ASCII digits making a number from 1 to {@code max} is a 400.
   */
  public int count(String name, int defaultValue, int max) {
    String value = query(name);
    if (value == null) {
      return defaultValue;
    }
    if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
      throw new ApiException.BadRequest("'" + name + "' must be a whole number from 1 to " + max + ".");
    }
    return Integer.parseInt(value);
  }

  /** A header by its lower-case name, or null. */
  public String header(String name) {
    return event.headers().get(name);
  }

  public Map<String, String> headers() {
    return event.headers();
  }

  public String sourceIp() {
    return event.sourceIp();
  }

  public HttpApiEvent.IamCaller iam() {
    return event.iam();
  }

  /** The body's bytes, at most {@code maxBytes} (else 413); a broken base64 body is a 400. */
  public byte[] body(int maxBytes) {
    return Body.bytes(event.body(), event.isBase64Encoded(), maxBytes);
  }

  /** A method this route does not answer: 405 naming those it does. */
  public static ApiException methodNotAllowed(String method, String allow) {
    return new ApiException.MethodNotAllowed(method, allow);
  }
}
