package dev.contentfunctions.local;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole local run as a newcomer starts it, as a process of its own: on free ports, with the
 * content and website folders the test gives (a temporary copy, never the real content/), its
 * output in a file the test's failure messages quote.
 */
final class LocalRunProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  /** The launcher's JVM: the process itself, or the background job of the shell that is it. */
  private final ProcessHandle launcher;

  private final Path log;
  private final int apiPort;
  private final int awsPort;

  private LocalRunProcess(
      Process process, ProcessHandle launcher, Path log, int apiPort, int awsPort) {
    this.process = process;
    this.launcher = launcher;
    this.log = log;
    this.apiPort = apiPort;
    this.awsPort = awsPort;
  }

  /**
   * Starts {@link LocalRun} with this test JVM's classpath, which holds the functions.
   *
   * @param log where the run's output goes
   * @param extraArguments more options of local/run, such as {@code --parameter Name=Value}
   */
  static LocalRunProcess start(Path content, Path web, Path log, String... extraArguments)
      throws IOException {
    int apiPort = freePort();
    int awsPort = freePort();
    Process process =
        new ProcessBuilder(command(apiPort, awsPort, content, web, extraArguments))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    return new LocalRunProcess(process, process.toHandle(), log, apiPort, awsPort);
  }

  /**
   * Starts it as {@code local/run &} in a script does: a background job of a non-interactive shell,
   * which starts with SIGINT ignored, launched as local/run launches its JVM ({@code
   * local/with-default-sigint}). The shell waits for it; signals go to the job.
   */
  static LocalRunProcess startAsBackgroundJob(Path content, Path web, Path log)
      throws IOException, InterruptedException {
    int apiPort = freePort();
    int awsPort = freePort();
    Path pidFile = log.resolveSibling(log.getFileName() + ".pid");
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "\"$@\" & echo $! > " + pidFile + "; wait $!",
                "local-run-job",
                RepoPaths.root().resolve("local/with-default-sigint").toString()));
    command.addAll(command(apiPort, awsPort, content, web));
    Process shell =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
      if (System.nanoTime() > deadline || !shell.isAlive()) {
        shell.destroyForcibly();
        fail("The shell did not start the job: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    ProcessHandle job =
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
            .orElseThrow(() -> new AssertionError("The job exited at once: " + log));
    return new LocalRunProcess(shell, job, log, apiPort, awsPort);
  }

  private static List<String> command(
      int apiPort, int awsPort, Path content, Path web, String... extraArguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
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
                web.toString()));
    command.addAll(List.of(extraArguments));
    return command;
  }

  Process process() {
    return process;
  }

  int apiPort() {
    return apiPort;
  }

  /** The address of the API and the website: {@code http://127.0.0.1:<port>}. */
  String url(String path) {
    return "http://127.0.0.1:" + apiPort + path;
  }

  /** moto's DynamoDB, through the run's AWS port. */
  DynamoDbClient dynamoDb() {
    return local(DynamoDbClient.builder()).build();
  }

  /** moto's SQS, through the run's AWS port. */
  SqsClient sqs() {
    return local(SqsClient.builder()).build();
  }

  /** moto's S3, through the run's AWS port. */
  S3Client s3() {
    return local(S3Client.builder().forcePathStyle(true)).build();
  }

  /** A client of the run's AWS endpoint, as the banner gives it. */
  private <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B local(B builder) {
    return builder
        .endpointOverride(URI.create("http://127.0.0.1:" + awsPort))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .httpClientBuilder(UrlConnectionHttpClient.builder());
  }

  /** "status body" of a GET of the run's API or website. */
  String get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(url(path))));
  }

  /** "status body" of a request to the run's API or website. */
  static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return response.statusCode() + " " + response.body();
  }

  /** Waits for the condition; fails at once, with the run's output, if the run exits meanwhile. */
  void awaitWhileRunning(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    await(
        what,
        timeout,
        () -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "The local run exited with "
                    + process.exitValue()
                    + " before "
                    + what
                    + ":\n"
                    + output());
          }
          return condition.getAsBoolean();
        });
  }

  /** Waits for the condition, which may throw while things are not there yet. */
  void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // moto, its table or the API not there yet
      }
      Thread.sleep(100);
    }
    fail("Not within " + timeout.toSeconds() + " s: " + what + ". The run's output:\n" + output());
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the run as Ctrl-C does (SIGINT to the launcher alone, the harder case: the terminal
   * signals the whole group); true if it stopped in time.
   */
  boolean interrupt(Duration timeout) throws IOException, InterruptedException {
    return signal("INT", timeout);
  }

  /** Sends the launcher the signal ("INT", "TERM"); true if the run stopped in time. */
  boolean signal(String signal, Duration timeout) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(launcher.pid())).start().waitFor();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Kills whatever is left, whatever happened to the test. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
