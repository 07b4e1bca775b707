package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The whole local run as a newcomer starts it, as a process: on free ports, mirroring a temporary
 * copy of a content folder (never the real content/), stopped as Ctrl-C stops it.
 */
class LocalRunIT {
  private static final String SEED = "how-to-rebuild-emotional-connection-after-a-hard-season";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path temp;
  private Process run;
  private Path log;

  @AfterEach
  void killWhateverIsLeft() {
    if (run != null) {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  @Test
  void publishesTheContentFolderFollowsEditsAndStopsWithoutOrphans() throws Exception {
    Path content = Files.createDirectories(temp.resolve("content/posts")).getParent();
    Files.copy(
        RepoPaths.root().resolve("content/posts/" + SEED + ".md"),
        content.resolve("posts/" + SEED + ".md"));
    Path web = Files.createDirectories(temp.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<h1>Local blog</h1>");
    int apiPort = freePort();
    int awsPort = freePort();

    log = temp.resolve("local-run.log");
    run =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Drepo.root=" + RepoPaths.root(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalRun.class.getName(),
                "--api-port",
                String.valueOf(apiPort),
                "--aws-port",
                String.valueOf(awsPort),
                "--content",
                content.toString(),
                "--web",
                web.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();

    try (DynamoDbClient dynamoDb = dynamoDb(awsPort)) {
      String table = LocalStack.generatedName(LocalRun.stackName(RepoPaths.root()), "PostsTable");
      awaitWhileRunning(
          "the seed post is published", START_TIMEOUT, () -> isPublished(dynamoDb, table, SEED));

      assertThat(get(apiPort, "/")).isEqualTo("200 <h1>Local blog</h1>");
      assertThat(get(apiPort, "/posts/" + SEED)).startsWith("200 ").contains(SEED);

      Path post = content.resolve("posts/written-while-running.md");
      Files.writeString(
          post, "---\ntitle: Written While Running\ndate: 2025-10-01\n---\nA new post.\n");
      awaitWhileRunning(
          "the new post is published",
          PUBLISH_TIMEOUT,
          () -> isPublished(dynamoDb, table, "written-while-running"));

      Files.delete(post);
      awaitWhileRunning(
          "the deleted post is unpublished",
          PUBLISH_TIMEOUT,
          () -> !isPublished(dynamoDb, table, "written-while-running"));
    }

    List<ProcessHandle> started = run.descendants().toList();
    assertThat(started)
        .as("moto and the functions' JVM")
        .hasSizeGreaterThanOrEqualTo(2)
        .anySatisfy(p -> assertThat(p.info().command().orElse("")).endsWith("java"));

    // What Ctrl-C does to the launcher (the terminal signals the whole group; this is the harder
    // case, where the launcher alone must stop the others).
    new ProcessBuilder("kill", "-INT", String.valueOf(run.pid())).start().waitFor();
    assertThat(run.waitFor(15, TimeUnit.SECONDS)).as("the launcher stops").isTrue();
    await(
        "moto and the functions' JVM are gone",
        Duration.ofSeconds(5),
        () -> started.stream().noneMatch(ProcessHandle::isAlive));
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

  private static String get(int port, String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return response.statusCode() + " " + response.body();
  }

  /** Waits for the condition; fails at once, with the run's output, if the run exits meanwhile. */
  private void awaitWhileRunning(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    await(
        what,
        timeout,
        () -> {
          if (!run.isAlive()) {
            throw new AssertionError(
                "The local run exited with "
                    + run.exitValue()
                    + " before "
                    + what
                    + ":\n"
                    + output());
          }
          return condition.getAsBoolean();
        });
  }

  private void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // moto or its table not there yet
      }
      Thread.sleep(100);
    }
    fail("Not within " + timeout.toSeconds() + " s: " + what + ". The run's output:\n" + output());
  }

  private String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DynamoDbClient dynamoDb(int port) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
