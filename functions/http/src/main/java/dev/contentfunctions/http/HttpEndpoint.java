package dev.contentfunctions.http;

import com.amazonaws.services.lambda.runtime.Context;
import dev.contentfunctions.kit.events.HttpApiEvent;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.events.MalformedEventException;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.kit.aws.AwsErrors;
import dev.contentfunctions.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What every HTTP function does around its routes, in one place: read the event from its JSON,
 * answer a malformed one with a 400, map a typed {@link ApiException} to its problem, DynamoDB
 * trouble to a 503 with {@code Retry-After}, anything else to a 500 with the request id, and write
 * the response back. One log line per request with what an operator needs: method, path, status,
 * and for a failure the error's type or AWS error code, never an exception's message (it can echo
 * input). And one EMF line per request ({@link Metrics}): {@code Answers} by route and status class,
 * {@code Latency} by route, with whatever the routes recorded through {@link HttpRequest#metrics()}.
 * The route is API Gateway's route key, a template path of template.yaml, never the raw path.
 */
public final class HttpEndpoint {
  /** The Route of a request whose event names none (a malformed or hand-written one). */
  public static final String NO_ROUTE = "none";

  /**
   * Seconds a client should wait before retrying when a dependency is throttling or unreachable:
   * the SDK has already retried three times within the call, so a blip is over by then.
   */
  public static final int RETRY_AFTER_SECONDS = 3;

  /** A function's routes: a response for the request, or a typed {@link ApiException}. */
  @FunctionalInterface
  public interface Routes {
    HttpApiResponse respond(HttpRequest request, Log log);
  }

  private final Routes routes;
  private final String unavailableDetail;
  private final Log log;
  private final UnaryOperator<String> loggedPath;
  private final Metrics metrics;

  /**
   * @param unavailableDetail what a visitor reads when the function's dependency is down, in the
   *     function's own words ("your request was not saved", "the blog is briefly unavailable")
   */
  public HttpEndpoint(Routes routes, String unavailableDetail, Log log) {
    this(routes, unavailableDetail, log, UnaryOperator.identity());
  }

  /**
   * @param loggedPath what of a request's path the log line may hold: a function whose mistyped
   *     URLs can carry personal data (an e-mail address) logs its route's template instead
   */
  public HttpEndpoint(Routes routes, String unavailableDetail, Log log, UnaryOperator<String> loggedPath) {
    this(routes, unavailableDetail, log, loggedPath, Metrics.discarded("none"));
  }

  /** @param metrics the function's metrics, built once per container */
  public HttpEndpoint(Routes routes, String unavailableDetail, Log log, Metrics metrics) {
    this(routes, unavailableDetail, log, UnaryOperator.identity(), metrics);
  }

  public HttpEndpoint(
      Routes routes, String unavailableDetail, Log log, UnaryOperator<String> loggedPath, Metrics metrics) {
    this.routes = routes;
    this.unavailableDetail = unavailableDetail;
    this.log = log;
    this.loggedPath = loggedPath;
    this.metrics = metrics;
  }

  public void handle(InputStream event, OutputStream out, Context context) throws IOException {
    respond(event, context.getAwsRequestId()).write(out);
  }

  HttpApiResponse respond(InputStream json, String lambdaRequestId) throws IOException {
    long started = System.nanoTime();
    Metrics.Invocation invocation = metrics.start();
    String route = NO_ROUTE;
    HttpApiResponse response = null;
    try {
      HttpApiEvent event;
      try {
        event = HttpApiEvent.read(json);
      } catch (MalformedEventException e) {
        log.forRequest(lambdaRequestId).warn("request.malformed", "reason", e.getMessage());
        response = Responses.problem(new ApiException.BadRequest("The request could not be read."), lambdaRequestId);
        return response;
      }
      if (event.routeKey() != null) {
        route = event.routeKey();
      }
      response = respond(new HttpRequest(event, lambdaRequestId, invocation));
      return response;
    } finally {
      // An Error (out of memory) leaves no response: Lambda reports the failure, not us.
      if (response != null) {
        invocation.count(Metric.ANSWERS, route, statusClass(response.statusCode()));
        invocation.milliseconds(Metric.LATENCY, (System.nanoTime() - started) / 1e6, route);
      }
      invocation.flush();
    }
  }

  /** {@code 2xx} ... {@code 5xx}; anything outside 200-599 counts as {@code 5xx}. */
  static String statusClass(int status) {
    // Constants, not concatenation: no string-concat bootstrap in a cold start's path.
    if (status >= 200 && status < 300) {
      return "2xx";
    } else if (status >= 300 && status < 400) {
      return "3xx";
    } else if (status >= 400 && status < 500) {
      return "4xx";
    }
    return "5xx";
  }

  private HttpApiResponse respond(HttpRequest request) {
    Log requestLog = log.forRequest(request.requestId());
    HttpApiResponse response;
    String error = null;
    try {
      response = routes.respond(request, requestLog);
    } catch (ApiException e) {
      response = Responses.problem(e, request.requestId());
    } catch (SdkException e) {
      error = errorName(e);
      response =
          AwsErrors.isTransient(e)
              ? Responses.problem(new ApiException.Unavailable(unavailableDetail, RETRY_AFTER_SECONDS), request.requestId())
              : Responses.unexpected(request.requestId());
    } catch (RuntimeException e) {
      error = errorName(e);
      response = Responses.unexpected(request.requestId());
    }
    int status = response.statusCode();
    Object[] fields = {"method", request.method(), "path", loggedPath.apply(request.path()), "status", status, "error", error};
    if (status >= 500) {
      requestLog.error("request.failed", fields);
    } else {
      requestLog.info("request.done", fields);
    }
    return response;
  }

  /** What went wrong, without the message: the AWS error code, or the exception's type. */
  private static String errorName(RuntimeException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }
}
