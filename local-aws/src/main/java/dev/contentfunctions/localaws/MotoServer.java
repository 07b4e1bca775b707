package dev.contentfunctions.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * moto's server ({@code moto_server}, from {@code pip install 'moto[server]'}) on a free loopback
 * port, with SDK clients configured for it.
 *
 * <p>Tests use {@link #shared()}: one server per JVM, so a test run pays the start-up once; each
 * test class isolates its data by using fresh resource names ({@link
 * TemplateResources#uniqueName}).
 */
public final class MotoServer implements AutoCloseable {

  /**
   * The Python that has moto installed (as {@code pip install 'moto[server]'} puts it). It runs
   * moto's server through serialized_moto_server.py: the same server as {@code moto_server}, with
   * requests applied one at a time, because moto's backends are not safe under concurrent requests.
   */
  private static final String EXECUTABLE = "python3";

  private static final String SERVER_SCRIPT = "serialized_moto_server.py";
  private static final String HOST = "127.0.0.1";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final int START_ATTEMPTS = 3;
  private static final Region REGION = Region.US_EAST_1;
  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static MotoServer shared;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final boolean isShared;
  private final Thread shutdownHook;
  private DynamoDbClient dynamoDb;
  private S3Client s3;
  private SqsClient sqs;
  private SnsClient sns;
  private SecretsManagerClient secretsManager;
  private boolean stopped;

  private MotoServer(Process process, URI endpoint, Path log, boolean isShared) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.isShared = isShared;
    this.shutdownHook = new Thread(this::stop, "moto-server-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * The JVM's server, started on first use and stopped when the JVM exits; {@link #close()} leaves
   * it running for the other test classes.
   */
  public static synchronized MotoServer shared() {
    if (shared == null) {
      shared = launch(EXECUTABLE, true);
    }
    return shared;
  }

  /** A server of its own; close it when done (a shutdown hook stops it otherwise). */
  public static MotoServer start() {
    return launch(EXECUTABLE, false);
  }

  static MotoServer launch(String executable, boolean isShared) {
    for (int attempt = 1; ; attempt++) {
      int port = freePort();
      Path log = logPath(port);
      Process process = spawn(executable, port, log);
      try {
        awaitReady(process, port, log);
        return new MotoServer(process, URI.create("http://" + HOST + ":" + port), log, isShared);
      } catch (PortTaken e) {
        // Another process took the port between freePort() and moto binding it: try another one.
        if (attempt == START_ATTEMPTS) {
          throw new IllegalStateException(e.getMessage());
        }
      } catch (RuntimeException e) {
        destroyTree(process);
        throw e;
      }
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Region region() {
    return REGION;
  }

  public AwsCredentialsProvider credentials() {
    return CREDENTIALS;
  }

  /** Where moto writes its request log, for a failing test's post-mortem. */
  public Path logFile() {
    return log;
  }

  /**
   * A DynamoDB client for a port nothing listens on, with moto's region and credentials: what a
   * function sees when DynamoDB is unreachable. Connection attempts fail fast (refused).
   */
  public DynamoDbClient unreachableDynamoDb() {
    int closedPort = freePort();
    return DynamoDbClient.builder()
        .endpointOverride(URI.create("http://" + HOST + ":" + closedPort))
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofMillis(500)))
        .build();
  }

  public synchronized DynamoDbClient dynamoDb() {
    if (dynamoDb == null) {
      dynamoDb = configure(DynamoDbClient.builder()).build();
    }
    return dynamoDb;
  }

  public synchronized S3Client s3() {
    if (s3 == null) {
      // moto serves buckets by path; virtual-hosted names (bucket.127.0.0.1) would not resolve.
      s3 = configure(S3Client.builder()).forcePathStyle(true).build();
    }
    return s3;
  }

  public synchronized SqsClient sqs() {
    if (sqs == null) {
      sqs = configure(SqsClient.builder()).build();
    }
    return sqs;
  }

  public synchronized SnsClient sns() {
    if (sns == null) {
      sns = configure(SnsClient.builder()).build();
    }
    return sns;
  }

  public synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager = configure(SecretsManagerClient.builder()).build();
    }
    return secretsManager;
  }

  /** Stops a server from {@link #start()}; the shared server is left to the shutdown hook. */
  @Override
  public void close() {
    if (isShared) {
      return;
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or will run; stop() is idempotent.
    }
  }

  private synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    for (AutoCloseable client : new AutoCloseable[] {dynamoDb, s3, sqs, sns, secretsManager}) {
      if (client != null) {
        try {
          client.close();
        } catch (Exception ignored) {
          // Closing an HTTP client of a server that is going away cannot fail in a way that
          // matters.
        }
      }
    }
    destroyTree(process);
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
    return builder
        .endpointOverride(endpoint)
        .region(REGION)
        .credentialsProvider(CREDENTIALS)
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }

  private static Path logPath(int port) {
    try {
      Path dir = Files.createDirectories(Path.of("target").toAbsolutePath());
      return dir.resolve("moto-server-" + port + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create target/ for moto's log", e);
    }
  }

  private static Process spawn(String executable, int port, Path log) {
    try {
      return new ProcessBuilder(executable, "-c", serverScript(), "-H", HOST, "-p", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot run "
              + executable
              + " ("
              + e.getMessage()
              + "): install with pip install 'moto[server]'",
          e);
    }
  }

  private static String serverScript() {
    try (var in = MotoServer.class.getResourceAsStream(SERVER_SCRIPT)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("local-aws is missing its resource " + SERVER_SCRIPT, e);
    }
  }

  private static void awaitReady(Process process, int port, Path log) {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = read(log);
        String message =
            "moto_server exited with code "
                + process.exitValue()
                + " before it served requests"
                + (process.exitValue() == 127 || output.contains("No module named")
                    ? " (install with pip install 'moto[server]')"
                    : "")
                + ". Its output ("
                + log
                + "):\n"
                + output;
        if (output.contains("Address already in use")) {
          throw new PortTaken(message);
        }
        throw new IllegalStateException(message);
      }
      if (answers(port)) {
        return;
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException(
        "moto_server did not answer on port "
            + port
            + " within "
            + STARTUP_TIMEOUT.toSeconds()
            + " s. Its output ("
            + log
            + "):\n"
            + read(log));
  }

  private static boolean answers(int port) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection)
              URI.create("http://" + HOST + ":" + port + "/moto-api/").toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2_000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Kills the process and anything it spawned (the pyenv shim, a reloader), leaving no orphans. */
  private static void destroyTree(Process process) {
    // Descendants are listed before the parent dies: afterwards they would be re-parented and lost.
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static String read(Path log) {
    try {
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return output.length() > 8_000 ? output.substring(output.length() - 8_000) : output;
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for moto_server", e);
    }
  }

  private static final class PortTaken extends RuntimeException {
    PortTaken(String message) {
      super(message);
    }
  }
}
