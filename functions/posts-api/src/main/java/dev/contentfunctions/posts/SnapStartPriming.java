package dev.contentfunctions.posts;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, sends the read API's own
 * request paths through the handler, so that the classes they load (SDK marshalling, HTTP client,
 * JSON writing, problem responses) and their static state are in the snapshot instead of being
 * loaded during the first visitor's request after a restore.
 *
 * <p>Only reads: a post that is not expected to exist (a miss runs the whole GetItem path, and the
 * alias lookup after it) and the first item of the listing. Failures are answered by the handler as
 * 503s, so priming never fails the snapshot; it just primes less.
 */
final class SnapStartPriming implements Resource {
  /** A well-formed slug (malformed ones never reach DynamoDB) that no post is expected to have. */
  private static final String MISSING_SLUG = "snapstart-priming-no-such-post";

  private static final List<Request> REQUESTS =
      List.of(
          new Request("/posts/" + MISSING_SLUG, ""),
          new Request("/posts/" + MISSING_SLUG + "/related", ""),
          new Request("/posts", "limit=1"));

  /** What the handler reads of an event: the query as API Gateway's rawQueryString. */
  private record Request(String path, String rawQuery) {}

  private final PostsApiHandler handler;

  private SnapStartPriming(PostsApiHandler handler) {
    this.handler = handler;
  }

  /**
   * Registers priming for the handler Lambda built. The caller keeps the returned object: CRaC
   * holds registered resources weakly.
   */
  static SnapStartPriming register(PostsApiHandler handler) {
    SnapStartPriming priming = new SnapStartPriming(handler);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    prime();
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK client fetches credentials and opens connections as it needs them.
  }

  /** Sends each priming request through the handler once; returns the status codes. */
  List<Integer> prime() {
    return REQUESTS.stream()
        .map(request -> handler.handleRequest(event(request), PrimingContext.INSTANCE).getStatusCode())
        .toList();
  }

  private static APIGatewayV2HTTPEvent event(Request request) {
    var http =
        APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(request.path()).build();
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath(request.path())
        .withRawQueryString(request.rawQuery())
        .withHeaders(Map.of("accept-encoding", "gzip"))
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("snapstart-priming").withHttp(http).build())
        .build();
  }

  /** The Lambda context of the priming requests: no invocation exists yet. */
  private enum PrimingContext implements Context {
    INSTANCE;

    @Override
    public String getAwsRequestId() {
      return "snapstart-priming";
    }

    @Override
    public String getLogGroupName() {
      return null;
    }

    @Override
    public String getLogStreamName() {
      return null;
    }

    @Override
    public String getFunctionName() {
      return null;
    }

    @Override
    public String getFunctionVersion() {
      return null;
    }

    @Override
    public String getInvokedFunctionArn() {
      return null;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 0;
    }

    @Override
    public LambdaLogger getLogger() {
      return LambdaRuntime.getLogger();
    }
  }
}
