package dev.contentfunctions.posts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.aws.AwsErrors;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.TypedHttpRequest;
import dev.contentfunctions.http.HttpResponses;
import dev.contentfunctions.http.QueryParameters;
import dev.contentfunctions.kit.log.EventLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * API Gateway (HTTP API, payload 2.0) -> {@link PostsService} -> JSON, RSS or sitemap XML. Every
 * answer is either a cacheable representation, a redirect, or an RFC 9457 problem: bad input is a
 * 4xx, DynamoDB throttling or unreachable is a 503 with Retry-After, and nothing else leaks.
 */
public final class PostsApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  /** Seconds a client should wait before retrying when DynamoDB is throttling or unreachable. */
  static final int RETRY_AFTER_SECONDS = 5;

  private static final String JSON = HttpResponses.JSON;

  /** The preview token's query parameter (its decoded name: a client may percent-encode it). */
  private static final String PREVIEW = "preview";

  private final PostsService service;
  private final PostsApiConfig config;
  private final PostJson json;
  private final FeedDocuments feeds;

  /** Held only to keep the SnapStart hook registered (CRaC holds it weakly); null in tests. */
  @SuppressWarnings("unused")
  private SnapStartPriming priming;

  /**
   * Called by Lambda once per container: the client and everything else are built here, once.
   * With SnapStart (template.yaml) this runs once per published version, and priming runs after it.
   */
  public PostsApiHandler() {
    this(
        PostsApiConfig.fromEnvironment(),
        AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(),
        Clock.systemUTC());
    priming = SnapStartPriming.register(this);
  }

  public PostsApiHandler(PostsApiConfig config, DynamoDbClient dynamoDb, Clock clock) {
    this.config = config;
    this.service = new PostsService(new PostRepository(dynamoDb, config.postsTable()), clock);
    this.json = new PostJson(config);
    this.feeds = new FeedDocuments(config, config.siteName());
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    TypedHttpRequest request = new TypedHttpRequest(event, context);
    String requestId = request.requestId();
    EventLog log = new EventLog(context.getLogger(), requestId);
    String path = request.path();
    try {
      return route(request);
    } catch (ApiException e) {
      return HttpResponses.problem(e, requestId);
    } catch (PostsService.Moved moved) {
      return redirect(request, moved);
    } catch (SdkException e) {
      if (AwsErrors.isTransient(e)) {
        log.warn("dependency.unavailable", "path", path, "error", e.getClass().getSimpleName());
        return HttpResponses.problem(
            new ApiException.Unavailable(
                "The blog is briefly unavailable; please try again in a few seconds.", RETRY_AFTER_SECONDS),
            requestId);
      }
      log.error("request.failed", "path", path, "error", e.getClass().getSimpleName(), "detail", e.getMessage());
      return HttpResponses.unexpected(requestId);
    } catch (RuntimeException e) {
      log.error("request.failed", "path", path, "error", e.getClass().getSimpleName(), "detail", e.getMessage());
      return HttpResponses.unexpected(requestId);
    }
  }

  private APIGatewayV2HTTPResponse route(TypedHttpRequest request) {
    String path = request.path();
    ApiRoute.Match match =
        ApiRoute.match(path).orElseThrow(() -> new ApiException.NotFound("There is nothing at " + path + "."));
    String method = request.method();
    if (method.equals("OPTIONS")) {
      // With ANY routes, CORS preflights reach the function; API Gateway adds the CORS headers.
      return HttpResponses.response(204, null, null, Map.of("Allow", ApiRoute.ALLOWED_METHODS));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw new ApiException.MethodNotAllowed(method, ApiRoute.ALLOWED_METHODS);
    }
    // Decoded (and a malformed query refused) on every route, before any parameter is read.
    request.queryParameters();
    String slug = match.parameters().get("slug");
    Representation representation =
        switch (match.route()) {
          case POSTS -> new Representation(
              json.page(service.list(request.query("tag"), request.query("limit"), request.query("cursor"))),
              JSON,
              Representation.PUBLIC);
          case POST -> {
            PostsService.PostView view = service.post(slug, isPreview(request));
            yield new Representation(
                json.post(view), JSON, view.preview() ? Representation.PRIVATE : Representation.PUBLIC);
          }
          case RELATED -> new Representation(
              json.related(service.related(slug, request.query("limit"))), JSON, Representation.PUBLIC);
          case TAGS -> new Representation(json.tags(service.tags()), JSON, Representation.PUBLIC);
          case FEED -> new Representation(
              feeds.rss(service.latest()),
              "application/rss+xml; charset=utf-8",
              Representation.PUBLIC);
          case SITEMAP -> new Representation(
              feeds.sitemap(service.all()), "application/xml; charset=utf-8", Representation.PUBLIC);
        };
    return representation.toResponse(request.headers(), method.equals("HEAD"));
  }

  /** The author's preview: the token as header (preferred: kept out of URLs and logs) or query. */
  private boolean isPreview(TypedHttpRequest request) {
    String expected = config.previewToken();
    String given = request.header("x-preview-token") != null ? request.header("x-preview-token") : request.query(PREVIEW);
    return expected != null
        && given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * 301 to the same route under the current slug, keeping the query's parameters (decoded, then
   * encoded again: never the raw text). A public redirect is cached and shared, so it never carries
   * a preview token; one to an unpublished post is the author's alone, not cached, and keeps the
   * token so that their link still previews. The Location is a path: the API is served at its
   * domain's root.
   */
  private static APIGatewayV2HTTPResponse redirect(TypedHttpRequest request, PostsService.Moved moved) {
    String[] parts = request.path().split("/", -1);
    parts[2] = moved.slug();
    String location = String.join("/", parts);
    String query =
        QueryParameters.encode(
            request.queryParameters().stream()
                .filter(parameter -> moved.preview() || !parameter.name().equals(PREVIEW))
                .toList());
    if (!query.isEmpty()) {
      location += "?" + query;
    }
    return HttpResponses.response(
        301,
        null,
        null,
        Map.of("Location", location, "Cache-Control", moved.preview() ? Representation.PRIVATE : Representation.PUBLIC));
  }
}
