package dev.contentfunctions.http;

import java.util.Map;

/**
 * A request that cannot be served as asked, with what the client should know: mapped to an RFC 9457
 * {@code application/problem+json} response by {@link Responses#problem}. Subclasses name the
 * cases; the message is the problem's {@code detail}, written for the caller.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient Map<String, String> headers;
  private final transient Map<String, Object> extensions;

  protected ApiException(int status, String title, String detail, Map<String, String> headers) {
    this(status, title, detail, headers, Map.of());
  }

  protected ApiException(
      int status, String title, String detail, Map<String, String> headers, Map<String, Object> extensions) {
    // No stack trace: these are answers, not failures, and some are thrown on every bad request.
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
    this.headers = Map.copyOf(headers);
    this.extensions = Map.copyOf(extensions);
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

  /** Extra members of the problem document, e.g. {@code errors} per field. */
  public Map<String, Object> extensions() {
    return extensions;
  }

  /** One field's problem, in words the person filling the form can act on. */
  public record FieldError(String field, String message) {}

  /** 400: a parameter, cursor or body the caller can fix. */
  public static final class BadRequest extends ApiException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String detail) {
      super(400, "Bad Request", detail, Map.of());
    }
  }

  /** 400 for a submitted form: what is wrong with each field. */
  public static final class InvalidFields extends ApiException {
    private static final long serialVersionUID = 1L;

    public InvalidFields(java.util.List<FieldError> errors) {
      super(400, "Bad Request", "Some fields need your attention.", Map.of(), Map.of("errors", java.util.List.copyOf(errors)));
    }
  }

  /** 413: the body is larger than this endpoint accepts. */
  public static final class PayloadTooLarge extends ApiException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLarge(int maxBytes) {
      super(413, "Content Too Large", "The request body may be at most " + maxBytes + " bytes.", Map.of());
    }
  }

  /** 415: a content type this endpoint does not read. */
  public static final class UnsupportedMediaType extends ApiException {
    private static final long serialVersionUID = 1L;

    public UnsupportedMediaType(String accepted) {
      super(415, "Unsupported Media Type", "Send the request as " + accepted + ".", Map.of("Accept-Post", accepted));
    }
  }

  /** 422: understood, but contradicts an earlier request (e.g. an Idempotency-Key reused for other data). */
  public static final class Unprocessable extends ApiException {
    private static final long serialVersionUID = 1L;

    public Unprocessable(String detail) {
      super(422, "Unprocessable Content", detail, Map.of());
    }
  }

  /** 429: too many requests from one source; try again after {@code retryAfterSeconds}. */
  public static final class TooManyRequests extends ApiException {
    private static final long serialVersionUID = 1L;

    public TooManyRequests(String detail, long retryAfterSeconds) {
      super(429, "Too Many Requests", detail, Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
  }

  /** 403: the caller is not allowed here. */
  public static final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String detail) {
      super(403, "Forbidden", detail, Map.of());
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
