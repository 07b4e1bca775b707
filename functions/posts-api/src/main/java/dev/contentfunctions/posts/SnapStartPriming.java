package dev.contentfunctions.posts;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.kit.json.JsonReader;
import dev.contentfunctions.kit.json.JsonWriter;
import dev.contentfunctions.kit.metrics.Metrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots the initialised function, sends the read API's own
 * request paths through the handler, as the JSON events Lambda would pass (read by the same stream
 * path, answered as the same JSON), so that the classes they load (event decoding, SDK marshalling,
 * HTTP client, JSON writing, problem responses) and their static state are in the snapshot instead
 * of being loaded during the first visitor's request after a restore.
 *
 * <p>Only reads: a post that is not expected to exist (a miss runs the whole GetItem path, and the
 * alias lookup after it) and the first item of the listing. Failures are answered by the handler as
 * 503s, so priming never fails the snapshot; it just primes less.
 */
final class SnapStartPriming implements Resource {
  /** A well-formed slug (malformed ones never reach DynamoDB) that no post is expected to have. */
  private static final String MISSING_SLUG = "snapstart-priming-no-such-post";

  /** Path and raw query of each priming request. */
  private static final List<String[]> REQUESTS =
      List.of(
          new String[] {"/posts/" + MISSING_SLUG, ""},
          new String[] {"/posts/" + MISSING_SLUG + "/related", ""},
          new String[] {"/posts", "limit=1"},
          // The pages: the templates' classes, the HTML escaping and the JSON-LD writer.
          new String[] {"/blog/" + MISSING_SLUG, ""},
          new String[] {"/blog/", ""},
          new String[] {"/", ""});

  private final RequestStreamHandler handler;
  private final Metrics metrics;

  private SnapStartPriming(RequestStreamHandler handler, Metrics metrics) {
    this.handler = handler;
    this.metrics = metrics;
  }

  /**
   * Registers priming for the handler Lambda built. The caller keeps the returned object: CRaC
   * holds registered resources weakly.
   */
  static SnapStartPriming register(RequestStreamHandler handler) {
    return register(handler, Metrics.discarded(PostsApiHandler.FUNCTION));
  }

  /**
   * The same, the priming requests left out of the handler's {@code metrics}: they are no visitor's,
   * and the cold start is the first request after a restore, not a priming one before the snapshot.
   */
  static SnapStartPriming register(RequestStreamHandler handler, Metrics metrics) {
    SnapStartPriming priming = new SnapStartPriming(handler, metrics);
    Core.getGlobalContext().register(priming);
    return priming;
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
    metrics.unrecorded(this::prime);
  }

  @Override
  public void afterRestore(org.crac.Context<? extends Resource> context) {
    // Nothing to renew: the SDK client fetches credentials and opens connections as it needs them.
  }

  /**
   * Sends each priming request through the handler once, then the newest post's page if there is
   * one (so that the post template is loaded too); returns the status codes.
   */
  List<Integer> prime() throws IOException {
    List<Integer> statuses = new ArrayList<>();
    String newest = null;
    for (String[] request : REQUESTS) {
      Map<?, ?> response = send(request[0], request[1]);
      statuses.add(response.get("statusCode") instanceof Integer status ? status : -1);
      if (request[0].equals("/posts") && response.get("body") instanceof String body && !Boolean.TRUE.equals(response.get("isBase64Encoded"))
          && JsonReader.read(body) instanceof Map<?, ?> page && page.get("posts") instanceof List<?> posts
          && !posts.isEmpty() && posts.get(0) instanceof Map<?, ?> post && post.get("slug") instanceof String slug) {
        newest = slug;
      }
    }
    if (newest != null) {
      Map<?, ?> response = send("/blog/" + newest, "");
      statuses.add(response.get("statusCode") instanceof Integer status ? status : -1);
    }
    return statuses;
  }

  private Map<?, ?> send(String path, String rawQuery) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event(path, rawQuery)), out, PrimingContext.INSTANCE);
    return JsonReader.read(out.toString(StandardCharsets.UTF_8)) instanceof Map<?, ?> fields ? fields : Map.of();
  }

  /** An HTTP API (payload 2.0) event as API Gateway sends it for a GET of {@code path}. */
  static byte[] event(String path, String rawQuery) {
    return JsonWriter.object()
        .field("version", "2.0")
        .field("routeKey", "$default")
        .field("rawPath", path)
        .field("rawQueryString", rawQuery)
        .field("headers", Map.of("host", "localhost"))
        .startObject("requestContext")
        .field("requestId", "snapstart-priming")
        .startObject("http")
        .field("method", "GET")
        .field("path", path)
        .field("protocol", "HTTP/1.1")
        .field("sourceIp", "127.0.0.1")
        .end()
        .end()
        .field("isBase64Encoded", false)
        .finish()
        .getBytes(StandardCharsets.UTF_8);
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
