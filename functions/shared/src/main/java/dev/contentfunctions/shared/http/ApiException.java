package dev.contentfunctions.shared.http;

import java.util.Map;

/**
 * A request that cannot be served as asked, with what the client should know: mapped to an RFC 9457
 * {@code application/problem+json} response by {@link HttpResponses#problem}. Subclasses name the
 * cases; the message is the problem's {@code detail}, written for the caller.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, String> headers;

  protected ApiException(int status, String title, String detail, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** Headers the response must carry, e.g. {@code Allow} or {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** 400: a parameter, cursor or body the caller can fix. */
  public static final class BadRequest extends ApiException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String detail) {
      super(400, "Bad Request", detail, Map.of());
    }
  }

  /** 404: nothing (public) under this path. */
  public static final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    public NotFound(String detail) {
      super(404, "Not Found", detail, Map.of());
    }
  }

  /** 405: the path exists, not with this method. */
  public static final class MethodNotAllowed extends ApiException {
    private static final long serialVersionUID = 1L;

    public MethodNotAllowed(String method, String allow) {
      super(405, "Method Not Allowed", method + " is not supported here; use " + allow + ".", Map.of("Allow", allow));
    }
  }

  /** 503: a dependency is throttling or unreachable; the caller should retry after a pause. */
  public static final class Unavailable extends ApiException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String detail, int retryAfterSeconds) {
      super(503, "Service Unavailable", detail, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }
  }
}
