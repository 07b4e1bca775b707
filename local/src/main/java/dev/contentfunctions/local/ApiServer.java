package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.contentfunctions.localaws.CdnBehaviours;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The site on localhost, as the template's CloudFront distribution serves it: the distribution's
 * behaviours decide where a request goes ({@link CdnBehaviours}). A behaviour of the site bucket's
 * origin answers with the file of the website folder whose path is the object key (no index.html
 * for a folder: S3 has none either); one of another bucket's origin (the media bucket's
 * {@code /media/*}) with that bucket's object in the local S3, with its stored Content-Type and
 * Cache-Control and its ETag; one of the HTTP API answers as API Gateway would, a request
 * matching a route invoking its function with a payload 2.0 event.
 */
final class ApiServer implements AutoCloseable {
  /** The distribution of template.yaml whose behaviours the local run serves. */
  static final String SITE_DISTRIBUTION = "SiteDistribution";

  /** The template's bucket whose objects are the website folder's files (web/, as deployed). */
  static final String WEB_BUCKET = "SiteBucket";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService executor;
  private final CdnBehaviours behaviours;
  private final HttpApiRoutes routes;
  private final Map<String, LocalFunction> functions;
  private final Map<String, String> notHosted;
  private final Path webDir;
  private final Map<String, String> originBuckets;
  private final S3Client s3;
  private final PrintStream out;

  private ApiServer(
      HttpServer server,
      CdnBehaviours behaviours,
      HttpApiRoutes routes,
      Map<String, LocalFunction> functions,
      Map<String, String> notHosted,
      Path webDir,
      Map<String, String> originBuckets,
      S3Client s3,
      PrintStream out) {
    this.server = server;
    this.behaviours = behaviours;
    this.routes = routes;
    this.functions = Map.copyOf(functions);
    this.notHosted = Map.copyOf(notHosted);
    this.webDir = webDir.toAbsolutePath().normalize();
    this.originBuckets = Map.copyOf(originBuckets);
    this.s3 = s3;
    this.out = out;
    this.executor =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread = new Thread(task, "api-server");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts serving on the loopback interface only: a development server is nobody else's business.
   *
   * @param behaviours the site distribution's: which paths are files and which the HTTP API's
   * @param functions by logical id: the functions the routes name
   * @param notHosted why a function that a route names is not among them: its routes answer 503
   * @param webDir the site bucket's content
   */
  static ApiServer start(
      int port,
      CdnBehaviours behaviours,
      HttpApiRoutes routes,
      Map<String, LocalFunction> functions,
      Map<String, String> notHosted,
      Path webDir,
      PrintStream out)
      throws IOException {
    return start(port, behaviours, routes, functions, notHosted, webDir, Map.of(), null, out);
  }

  /**
   * The same, with the S3 origins that are not the website folder.
   *
   * @param originBuckets by S3 origin id, the local bucket it reads (the media bucket's name for
   *     {@code site-media}); an S3 origin not listed is the website folder
   * @param s3 the local S3 those buckets are in; may be null when there are none
   */
  static ApiServer start(
      int port,
      CdnBehaviours behaviours,
      HttpApiRoutes routes,
      Map<String, LocalFunction> functions,
      Map<String, String> notHosted,
      Path webDir,
      Map<String, String> originBuckets,
      S3Client s3,
      PrintStream out)
      throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ApiServer api =
        new ApiServer(http, behaviours, routes, functions, notHosted, webDir, originBuckets, s3, out);
    http.createContext("/", api::handle);
    http.setExecutor(api.executor);
    http.start();
    return api;
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      String rawPath = exchange.getRequestURI().getRawPath();
      CdnBehaviours.Origin origin = behaviours.route(rawPath).origin();
      switch (origin.kind()) {
        case S3 -> {
          String bucket = originBuckets.get(origin.id());
          if (bucket == null) {
            serveFile(exchange, method);
          } else {
            serveObject(exchange, method, bucket);
          }
        }
        case HTTP_API -> {
          Optional<HttpApiRoutes.Match> match = routes.match(method, rawPath);
          if (match.isPresent()) {
            invoke(exchange, match.get());
          } else {
            problem(
                exchange,
                404,
                "Not Found",
                "No route of template.yaml matches "
                    + method
                    + " "
                    + exchange.getRequestURI().getPath(),
                null);
          }
        }
      }
    } catch (IOException clientWentAway) {
      // Nothing left to answer.
    }
  }

  private void invoke(HttpExchange exchange, HttpApiRoutes.Match match) throws IOException {
    String functionId = match.route().functionId();
    String requestId = UUID.randomUUID().toString();
    LocalFunction function = functions.get(functionId);
    if (function == null) {
      problem(
          exchange,
          503,
          "Service Unavailable",
          functionId + " is not run locally: " + notHosted.get(functionId),
          requestId);
      return;
    }
    APIGatewayV2HTTPEvent event =
        HttpApiEvents.toEvent(
            exchange, exchange.getRequestBody().readAllBytes(), match, requestId, Instant.now());
    Object response;
    try {
      response = function.invoke(event, APIGatewayV2HTTPResponse.class);
    } catch (LocalFunction.InvalidResponseException e) {
      out.println(Console.line(functionId, e.getMessage() + " for " + match.route().routeKey()));
      problem(
          exchange, 500, "Internal Server Error", "The function's response is invalid.", requestId);
      return;
    } catch (RuntimeException | Error e) {
      // Like API Gateway: the client learns only that it failed; the console gets the details.
      out.println(
          Console.line(
              functionId,
              "failed on " + match.route().routeKey() + " (request " + requestId + "):"));
      e.printStackTrace(out);
      problem(exchange, 500, "Internal Server Error", "The function failed.", requestId);
      return;
    }
    if (!(response instanceof APIGatewayV2HTTPResponse httpResponse)
        || httpResponse.getStatusCode() < 100
        || httpResponse.getStatusCode() > 599) {
      out.println(
          Console.line(
              functionId,
              "returned "
                  + (response == null ? "no response" : "an invalid response: " + response)
                  + " for "
                  + match.route().routeKey()
                  + "; expected an APIGatewayV2HTTPResponse with a statusCode"));
      problem(
          exchange, 500, "Internal Server Error", "The function's response is invalid.", requestId);
      return;
    }
    HttpApiEvents.write(httpResponse, exchange);
  }

  /**
   * Answers as the private site bucket does through CloudFront's Origin Access Control: the object
   * whose key is the path without its leading slash, else 404 (the policy grants s3:ListBucket, so
   * a missing key is a 404, not a 403). Only reads: the bucket takes no writes from viewers.
   */
  private void serveFile(HttpExchange exchange, String method) throws IOException {
    if (!(method.equals("GET") || method.equals("HEAD"))) {
      problem(
          exchange,
          403,
          "Forbidden",
          "The site bucket's behaviours take only GET and HEAD, not " + method,
          null);
      return;
    }
    Path file = null;
    try {
      Path candidate = webDir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      // ../ out of the folder is no object of the bucket.
      if (candidate.startsWith(webDir) && Files.isRegularFile(candidate)) {
        file = candidate;
      }
    } catch (InvalidPathException e) {
      // No such key either.
    }
    if (file == null) {
      problem(
          exchange,
          404,
          "Not Found",
          "The site bucket has no object " + exchange.getRequestURI().getPath().substring(1)
              + " (the files of " + webDir + ")",
          null);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", contentType(file));
    HttpApiEvents.send(exchange, 200, Files.readAllBytes(file));
  }

  /**
   * Answers as a private bucket does through CloudFront's Origin Access Control, for a behaviour
   * whose origin is a bucket of the local S3: the object whose key is the path without its leading
   * slash, with the Content-Type and Cache-Control it was stored with (the media variants'
   * {@code public, max-age=31536000, immutable}), its ETag and Last-Modified; 304 for a matching
   * If-None-Match; 404 when there is no such object (the bucket policy grants s3:ListBucket).
   */
  private void serveObject(HttpExchange exchange, String method, String bucket) throws IOException {
    if (!(method.equals("GET") || method.equals("HEAD"))) {
      problem(exchange, 403, "Forbidden", "The bucket's behaviours take only GET and HEAD, not " + method, null);
      return;
    }
    String key = exchange.getRequestURI().getPath().substring(1);
    ResponseBytes<GetObjectResponse> object;
    try {
      object = s3.getObjectAsBytes(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      problem(exchange, 404, "Not Found", "The bucket " + bucket + " has no object " + key, null);
      return;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        problem(exchange, 404, "Not Found", "The bucket " + bucket + " has no object " + key, null);
        return;
      }
      throw e;
    }
    GetObjectResponse stored = object.response();
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", stored.contentType() == null ? "application/octet-stream" : stored.contentType());
    if (stored.cacheControl() != null) {
      headers.set("Cache-Control", stored.cacheControl());
    }
    if (stored.eTag() != null) {
      headers.set("ETag", stored.eTag());
    }
    if (stored.lastModified() != null) {
      headers.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(stored.lastModified().atOffset(ZoneOffset.UTC)));
    }
    // The site's response headers policy (ContentTypeOptions): a browser never sniffs a type.
    headers.set("X-Content-Type-Options", "nosniff");
    String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
    if (ifNoneMatch != null && stored.eTag() != null && ifNoneMatch.contains(stored.eTag())) {
      HttpApiEvents.send(exchange, 304, new byte[0]);
      return;
    }
    HttpApiEvents.send(exchange, 200, object.asByteArray());
  }

  private static String contentType(Path file) throws IOException {
    String type = Files.probeContentType(file);
    if (type == null) {
      type = URLConnection.guessContentTypeFromName(file.getFileName().toString());
    }
    if (type == null) {
      return "application/octet-stream";
    }
    return type.startsWith("text/") ? type + "; charset=utf-8" : type;
  }

  /** An RFC 9457 problem response. */
  private static void problem(
      HttpExchange exchange, int status, String title, String detail, String requestId)
      throws IOException {
    ObjectNode problem = JSON.createObjectNode();
    problem.put("type", "about:blank");
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", exchange.getRequestURI().getPath());
    if (requestId != null) {
      problem.put("requestId", requestId);
    }
    exchange.getResponseHeaders().set("Content-Type", PROBLEM_JSON);
    HttpApiEvents.send(exchange, status, JSON.writeValueAsBytes(problem));
  }
}
