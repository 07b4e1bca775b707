package dev.contentfunctions.posts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.http.HttpRequest;
import dev.contentfunctions.http.Representation;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.posts.PostsService.Found;
import dev.contentfunctions.posts.PostsService.Lookup;
import dev.contentfunctions.posts.PostsService.Moved;
import dev.contentfunctions.posts.PostsService.PostPage;
import dev.contentfunctions.posts.site.Pages;
import dev.contentfunctions.tables.posts.DynamoDbPostRepository;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.PostRepository;
import dev.contentfunctions.tables.posts.ReadLimitExceededException;
import dev.contentfunctions.tables.posts.Slug;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * API Gateway (HTTP API, payload 2.0) -> {@link PostsService} -> JSON, RSS or sitemap XML, and for
 * every other path the website's pages ({@link Pages}, HTML from the same service). The
 * routes decode the request into typed inputs (a limit, a {@link Slug}, a tag, a cursor's position)
 * and map the service's results to responses; {@link HttpEndpoint} does the rest (malformed events,
 * problems, 503 with Retry-After when DynamoDB is throttling or unreachable, one log line per request).
 */
public final class PostsApiHandler implements RequestStreamHandler {
  /** The Function dimension of this function's metrics. */
  public static final String FUNCTION = "PostsApi";

  private final HttpEndpoint endpoint;
  private final PostsService service;
  private final PostsApiConfig config;
  private final ListingCursors cursors;
  private final PreviewAccess preview;
  private final Pages pages;
  private final Metrics metrics;

  /** Held only to keep the SnapStart hook registered (CRaC holds it weakly); null in tests. */
  @SuppressWarnings("unused")
  private SnapStartPriming priming;

  /**
   * Called by Lambda once per container: the client and everything else are built here, once.
   * With SnapStart (template.yaml) this runs once per published version, and priming runs after it.
   */
  public PostsApiHandler() {
    this(PostsApiConfig.fromEnvironment(), Log.standardOutput(), Metrics.standardOutput(FUNCTION));
    priming = SnapStartPriming.register(this, metrics);
  }

  private PostsApiHandler(PostsApiConfig config, Log log, Metrics metrics) {
    this(
        config,
        new DynamoDbPostRepository(
            AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(), config.postsTable()),
        Clock.systemUTC(),
        log,
        metrics);
  }

  public PostsApiHandler(PostsApiConfig config, PostRepository posts, Clock clock, Log log) {
    this(config, posts, clock, log, Metrics.discarded(FUNCTION));
  }

  public PostsApiHandler(PostsApiConfig config, PostRepository posts, Clock clock, Log log, Metrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.service = new PostsService(posts, clock);
    this.cursors = new ListingCursors(config.hashingSecret());
    this.preview = new PreviewAccess(config.previewToken());
    this.pages = new Pages(config, service, cursors, preview);
    this.endpoint =
        new HttpEndpoint(this::respond, "The blog is briefly unavailable; please try again in a few seconds.", log, metrics);
  }

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    endpoint.handle(event, out, context);
  }

  /**
   * A read stopped by the repository's guard (too many items or too long) is logged with its
   * reason and answered 503 with Retry-After, long before the function's timeout.
   */
  private HttpApiResponse respond(HttpRequest request, Log log) {
    try {
      return route(request, log);
    } catch (ReadLimitExceededException e) {
      log.warn("read.limited", "path", request.path(), "reason", e.getMessage());
      throw new ApiException.Unavailable("This list is too long to answer right now; please try again later.", UNAVAILABLE_RETRY_SECONDS);
    }
  }

  private static final int UNAVAILABLE_RETRY_SECONDS = 30;

  private HttpApiResponse route(HttpRequest request, Log log) {
    String path = request.path();
    Optional<SitemapPage> sitemapPage = SitemapPage.parse(path);
    if (sitemapPage.isPresent()) {
      return sitemapPage(request, sitemapPage.get(), log);
    }
    Optional<ApiRoute.Match> api = ApiRoute.match(path);
    if (api.isEmpty() && !ApiRoute.owns(path)) {
      return pages.respond(request);
    }
    ApiRoute.Match match = api.orElseThrow(() -> new ApiException.NotFound("There is nothing at " + path + "."));
    String method = request.method();
    if (method.equals("OPTIONS")) {
      // With ANY routes, CORS preflights reach the function; API Gateway adds the CORS headers.
      return Responses.response(204, null, null, Map.of("Allow", ApiRoute.ALLOWED_METHODS));
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw HttpRequest.methodNotAllowed(method, ApiRoute.ALLOWED_METHODS);
    }
    // Decoded (and a malformed query refused) on every route, before any parameter is read.
    request.query();
    SiteUrl site = SiteUrl.resolve(config.siteUrl(), config.originVerify(), request.headers())
        .orElseThrow(() -> new ApiException.BadRequest("The Host header is not a host name."));
    PostJson json = new PostJson(site);
    FeedDocuments feeds = new FeedDocuments(site, config.siteName());
    String slug = match.parameters().get("slug");
    return switch (match.route()) {
      case POSTS -> ok(request, json.page(listing(request)), Representation.PUBLIC);
      case POST -> answer(request, slug, Slug.parse(slug).map(s -> service.post(s, preview.grants(request))), view ->
          new Representation(json.post(view), Responses.JSON, view.preview() ? Representation.PRIVATE : Representation.PUBLIC));
      case RELATED -> {
        int limit = request.count("limit", PostsService.DEFAULT_RELATED, PostsService.MAX_RELATED);
        yield answer(request, slug, Slug.parse(slug).map(s -> service.related(s, limit)), posts ->
            new Representation(json.related(posts), Responses.JSON, Representation.PUBLIC));
      }
      case TAGS -> ok(request, json.tags(service.tags()), Representation.PUBLIC);
      case FEED -> new Representation(feeds.rss(service.latest()), "application/rss+xml; charset=utf-8", Representation.PUBLIC)
          .toResponse(request.headers(), isHead(request));
      case SITEMAP -> xml(request, feeds.sitemapIndex(service.sitemapMonths()));
    };
  }

  /**
   * A page of the sitemap: the site's pages, or a month's posts (a month cut short at {@link
   * PostsService#SITEMAP_PAGE_URLS} is logged; its newest posts are listed). Not a listing's
   * month, or a malformed Host: the site's 404 and 400 pages, as for any other site path.
   */
  private HttpApiResponse sitemapPage(HttpRequest request, SitemapPage page, Log log) {
    String method = request.method();
    Optional<SiteUrl> site = SiteUrl.resolve(config.siteUrl(), config.originVerify(), request.headers());
    if ((!method.equals("GET") && !method.equals("HEAD")) || site.isEmpty()) {
      return pages.respond(request);
    }
    request.query();
    FeedDocuments feeds = new FeedDocuments(site.get(), config.siteName());
    if (page.month() == null) {
      return xml(request, feeds.sitemapPages(service.sitePages()));
    }
    PostRepository.DatedPage month = service.sitemapMonth(page.month());
    if (month.posts().isEmpty()) {
      return pages.respond(request);
    }
    if (month.truncated()) {
      log.warn("sitemap.truncated", "month", page.month().toString(), "urls", month.posts().size());
    }
    return xml(request, feeds.sitemapPosts(month.posts()));
  }

  private static HttpApiResponse xml(HttpRequest request, String body) {
    return new Representation(body, "application/xml; charset=utf-8", Representation.PUBLIC)
        .toResponse(request.headers(), isHead(request));
  }

  /** One page of a listing; its nextCursor names where the next starts, for this listing only. */
  private PostJson.Page listing(HttpRequest request) {
    int limit = request.count("limit", PostsService.DEFAULT_PAGE_SIZE, PostsService.MAX_PAGE_SIZE);
    String tag = request.query("tag");
    Listing listing =
        tag == null
            ? Listing.published()
            : Listing.tagged(
                Slug.parse(tag)
                    .orElseThrow(
                        () -> new ApiException.BadRequest(
                            "'tag' must be lowercase letters, digits and single hyphens, at most " + Slug.MAX_LENGTH + " characters.")));
    Optional<ListPosition> after = Optional.ofNullable(request.query("cursor")).map(cursor -> cursors.position(cursor, listing));
    PostPage page = service.list(listing, limit, after);
    return new PostJson.Page(page.posts(), page.next().map(next -> cursors.encode(next, listing)).orElse(null));
  }

  /**
   * A lookup's answer: the representation, a 301 to the current slug, or a 404. A malformed slug
   * (no lookup) is simply a page that does not exist, answered like every slug the caller may not
   * see, so that none can be told apart.
   */
  private <T> HttpApiResponse answer(
      HttpRequest request, String slug, Optional<Lookup<T>> lookup, Function<T, Representation> representation) {
    Lookup<T> result = lookup.orElseGet(PostsService.NotFound::new);
    if (result instanceof Found<T> found) {
      return representation.apply(found.value()).toResponse(request.headers(), isHead(request));
    }
    if (result instanceof Moved<T> moved) {
      return redirect(request, moved);
    }
    throw new ApiException.NotFound("There is no post '" + slug + "'.");
  }

  private static HttpApiResponse ok(HttpRequest request, String body, String cacheControl) {
    return new Representation(body, Responses.JSON, cacheControl).toResponse(request.headers(), isHead(request));
  }

  private static boolean isHead(HttpRequest request) {
    return request.method().equals("HEAD");
  }

  /**
   * 301 to the same route under the current slug, keeping the query's parameters (decoded, then
   * encoded again: never the raw text). A public redirect is cached and shared, so it never carries
   * a preview token; one to an unpublished post is the author's alone, not cached, and keeps the
   * token so that their link still previews. The Location is a path: the API is served at its
   * domain's root.
   */
  private static HttpApiResponse redirect(HttpRequest request, Moved<?> moved) {
    String[] parts = request.path().split("/", -1);
    parts[2] = moved.slug().value();
    String location = String.join("/", parts);
    String query = request.query().without(moved.preview() ? Set.of() : Set.of(PreviewAccess.PARAMETER));
    if (!query.isEmpty()) {
      location += "?" + query;
    }
    return Responses.redirect(301, location, moved.preview() ? Representation.PRIVATE : Representation.PUBLIC);
  }
}
