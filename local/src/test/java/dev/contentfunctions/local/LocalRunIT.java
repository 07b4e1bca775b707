package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole local run as a newcomer starts it, as a process: on free ports, mirroring a temporary
 * copy of a content folder (never the real content/), stopped as Ctrl-C stops it.
 */
class LocalRunIT {
  private static final String SEED = "how-to-rebuild-emotional-connection-after-a-hard-season";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;
  private LocalRunProcess run;

  @AfterEach
  void killWhateverIsLeft() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void publishesTheContentFolderFollowsEditsAndStopsWithoutOrphans() throws Exception {
    Path content = Files.createDirectories(temp.resolve("content/posts")).getParent();
    Files.copy(
        RepoPaths.root().resolve("content/posts/" + SEED + ".md"),
        content.resolve("posts/" + SEED + ".md"));
    Path web = Files.createDirectories(temp.resolve("web"));
    Files.createDirectories(web.resolve("assets"));
    Files.writeString(web.resolve("assets/styles.css"), "h1 { color: teal }");

    run = LocalRunProcess.start(content, web, temp.resolve("local-run.log"));

    try (DynamoDbClient dynamoDb = run.dynamoDb()) {
      String table = LocalStack.generatedName(LocalRun.stackName(RepoPaths.root()), "PostsTable");
      run.awaitWhileRunning(
          "the seed post is published", START_TIMEOUT, () -> isPublished(dynamoDb, table, SEED));

      assertThat(run.get("/assets/styles.css")).isEqualTo("200 h1 { color: teal }");
      assertMediaIsServedFromTheMediaBucket();
      assertThat(run.get("/")).as("the home page, rendered").startsWith("200 ").contains("<html");
      assertThat(run.get("/posts/" + SEED)).startsWith("200 ").contains(SEED);

      Path post = content.resolve("posts/written-while-running.md");
      Files.writeString(
          post, "---\ntitle: Written While Running\ndate: 2025-10-01\n---\nA new post.\n");
      run.awaitWhileRunning(
          "the new post is published",
          PUBLISH_TIMEOUT,
          () -> isPublished(dynamoDb, table, "written-while-running"));

      Files.delete(post);
      run.awaitWhileRunning(
          "the deleted post is unpublished",
          PUBLISH_TIMEOUT,
          () -> !isPublished(dynamoDb, table, "written-while-running"));
    }

    List<ProcessHandle> started = run.process().descendants().toList();
    assertThat(started)
        .as("moto and the functions' JVM")
        .hasSizeGreaterThanOrEqualTo(2)
        .anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("java"));

    assertThat(run.interrupt(Duration.ofSeconds(15))).as("the launcher stops").isTrue();
    run.await(
        "moto and the functions' JVM are gone",
        Duration.ofSeconds(5),
        () -> started.stream().noneMatch(ProcessHandle::isAlive));
  }

  /**
   * /media/* answers from the media bucket as the site distribution does: the stored Content-Type
   * and Cache-Control, the ETag, a 304 for it, and a 404 for a key that is not there.
   */
  private void assertMediaIsServedFromTheMediaBucket() throws Exception {
    String bucket = LocalStack.generatedName(LocalRun.stackName(RepoPaths.root()), "MediaBucket").toLowerCase(Locale.ROOT);
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9};
    String key = "media/5d41ab/cover-480.jpg";
    try (S3Client s3 = run.s3()) {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentType("image/jpeg").cacheControl(IMMUTABLE),
          RequestBody.fromBytes(jpeg));
    }

    HttpResponse<byte[]> found = HTTP.send(HttpRequest.newBuilder(URI.create(run.url("/" + key))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(found.statusCode()).isEqualTo(200);
    assertThat(found.body()).isEqualTo(jpeg);
    assertThat(found.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(found.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
    assertThat(found.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    String etag = found.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).startsWith("\"");
    HttpResponse<byte[]> again = HTTP.send(HttpRequest.newBuilder(URI.create(run.url("/" + key)))
        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(again.statusCode()).isEqualTo(304);
    HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(run.url("/" + key)))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Cache-Control")).hasValue(IMMUTABLE);
    assertThat(head.body()).isEmpty();

    HttpResponse<byte[]> missing = HTTP.send(HttpRequest.newBuilder(URI.create(run.url("/media/5d41ab/absent-480.jpg"))).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Cache-Control")).isEmpty();
  }

  private static boolean isPublished(DynamoDbClient dynamoDb, String table, String slug) {
    return dynamoDb
        .getItem(
            r ->
                r.tableName(table)
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS("POST#" + slug),
                            "sk", AttributeValue.fromS("POST"))))
        .hasItem();
  }
}
