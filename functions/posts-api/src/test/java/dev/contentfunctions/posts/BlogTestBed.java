package dev.contentfunctions.posts;

import dev.contentfunctions.localaws.LocalContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.tables.posts.DynamoDbPostRepository;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.publishing.ObjectChange;
import dev.contentfunctions.publishing.S3PostFiles;
import dev.contentfunctions.tables.posts.DynamoDbPublicationRepository;
import dev.contentfunctions.publishing.PublishingService;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.localaws.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A blog on moto: posts table and bucket from template.yaml, posts published through the real
 * publisher, and the read API's handler over the same table, with a clock the test sets.
 */
final class BlogTestBed {
  static final String SITE_URL = "https://coach.example";
  static final String PREVIEW_TOKEN = "preview-token-0123456789abcdef";
  static final String HASHING_SECRET = "test-hashing-secret-0123456789abcdef";

  final MotoServer moto = MotoServer.shared();
  final String table;
  final String bucket;
  private final AtomicLong sequencer = new AtomicLong(0x10);
  private final PublishingService publisher;
  Instant now = Instant.parse("2026-01-15T12:00:00Z");
  /** What the handlers of this blog log, as Lambda's log stream would keep it. */
  final LocalContext logs = new LocalContext("PostsApiFunction");
  private final Log log = logs.log();
  final PostsApiHandler handler;

  BlogTestBed() {
    TemplateResources resources =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto);
    table = resources.createTable("PostsTable", TemplateResources.uniqueName("posts"));
    bucket = resources.createBucket("ContentBucket", TemplateResources.uniqueName("content"));
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    publisher =
        new PublishingService(
            new S3PostFiles(moto.s3()),
            new DynamoDbPublicationRepository(moto.dynamoDb(), table, clock),
            new FrontMatterParser(),
            new MarkdownRenderer(),
            clock);
    handler = handlerAt(() -> now);
  }

  PostsApiHandler handlerAt(java.util.function.Supplier<Instant> time) {
    Clock clock =
        new Clock() {
          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return time.get();
          }
        };
    return new PostsApiHandler(
        config(table, PREVIEW_TOKEN), new DynamoDbPostRepository(moto.dynamoDb(), table), clock, log,
        logs.metrics(PostsApiHandler.FUNCTION));
  }

  static PostsApiConfig config(String table, String previewToken) {
    return new PostsApiConfig(table, SITE_URL, "Test Blog", previewToken, HASHING_SECRET, null);
  }

  /** Publishes through the real publisher; fails the test if the post is not published. */
  void publish(String key, String markdown) {
    String version =
        moto.s3()
            .putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(markdown, StandardCharsets.UTF_8))
            .versionId();
    var outcome =
        publisher.apply(new ObjectChange(bucket, key, version, Long.toHexString(sequencer.incrementAndGet()), false));
    if (outcome.kind() != PublishingService.Outcome.Kind.PUBLISHED) {
      throw new AssertionError("Not published: " + key + ": " + outcome);
    }
  }

  void remove(String key) {
    publisher.apply(new ObjectChange(bucket, key, null, Long.toHexString(sequencer.incrementAndGet()), true));
  }

  void publish(String slug, String title, String date, String extraFrontMatter) {
    publish(
        "posts/" + slug + ".md",
        "---\ntitle: \"" + title + "\"\ndate: " + date + "\n" + extraFrontMatter + "---\n\nAbout " + title + ".\n");
  }

  /** The sample posts' Markdown; their covers are the local run's and the publisher's tests'. */
  void publishSamplePosts() {
    try (Stream<Path> files = Files.list(RepoPaths.root().resolve("content/posts"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        publish("posts/" + file.getFileName(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  APIGatewayV2HTTPResponse get(String path) {
    return request("GET", path, Map.of());
  }

  APIGatewayV2HTTPResponse request(String method, String pathAndQuery, Map<String, String> headers) {
    return invoke(handler, event(method, pathAndQuery, headers));
  }

  /** The handler invoked as Lambda does: the event's JSON in, the response's JSON out. */
  static APIGatewayV2HTTPResponse invoke(PostsApiHandler handler, APIGatewayV2HTTPEvent event) {
    return StreamInvocation.http(handler, event, new LocalContext("PostsApiFunction"));
  }

  static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, Map<String, String> headers) {
    HttpApiRequest request = HttpApiRequest.of(method, pathAndQuery);
    headers.forEach(request::header);
    return request.build();
  }

  /** The body as a client reads it, gunzipped if it was sent compressed. */
  static String text(APIGatewayV2HTTPResponse response) {
    try {
      if (response.getIsBase64Encoded() && "gzip".equals(response.getHeaders().get("Content-Encoding"))) {
        byte[] zipped = java.util.Base64.getDecoder().decode(response.getBody());
        return new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped)).readAllBytes(), StandardCharsets.UTF_8);
      }
      return response.getBody();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON body as a client reads it, gunzipped if it was sent compressed. */
  static JsonNode json(APIGatewayV2HTTPResponse response) {
    try {
      if (response.getIsBase64Encoded() && "gzip".equals(response.getHeaders().get("Content-Encoding"))) {
        byte[] zipped = java.util.Base64.getDecoder().decode(response.getBody());
        return Json.MAPPER.readTree(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped)));
      }
      return Json.MAPPER.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
