package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.testkit.EmfLines;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a function prints when Lambda runs it with the template's {@code LogFormat: JSON}: its
 * deployment package, started by the Lambda runtime interface client (the one Lambda's Java images
 * run, target/ric-classpath.txt) with {@code AWS_LAMBDA_LOG_FORMAT=JSON} and a log level, against
 * moto, for one invocation of a sample event. Every line must be ONE top-level JSON object with
 * Lambda's keys (timestamp, level, requestId, message), not our JSON escaped into the runtime's
 * {@code {"message": "..."}}; lines under the level must be dropped; and the cold start must print
 * no SLF4J warning. The function's EMF metric lines (docs/metrics.md) must reach the log as the
 * top-level EMF documents they are, too: a wrapped one is not extracted.
 *
 * <p>Converted functions only: a typed handler's lines still go through the runtime's wrapping.
 * The others join as issue 11 converts them (one line each in the tests below).
 */
class RuntimeLogLinesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private static MotoServer moto;
  private static String topicArn;

  @TempDir static Path tasks;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.shared();
    topicArn = moto.sns().createTopic(r -> r.name(TemplateResources.uniqueName("log-lines"))).topicArn();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @Test
  void notifierLinesAreTopLevelJsonWithLambdasKeys() throws Exception {
    Invocation run = invoke("ConsultationNotifierFunction", "dynamodb-new-consultation.json", "INFO");

    assertThat(run.response()).as("the batch answer").isEqualTo("{\"batchItemFailures\":[]}");
    List<JsonNode> lines = topLevelObjects(run);
    assertThat(lines).extracting(line -> line.path("message").asText()).contains("consultation.notified", "batch.done");
    assertThat(lines).extracting(line -> line.path("level").asText()).containsOnly("INFO");
  }

  @Test
  void notifierDropsLinesUnderTheConfiguredLevel() throws Exception {
    Invocation run = invoke("ConsultationNotifierFunction", "dynamodb-new-consultation.json", "WARN");

    assertThat(run.response()).isEqualTo("{\"batchItemFailures\":[]}");
    assertThat(topLevelObjects(run)).as("INFO lines at AWS_LAMBDA_LOG_LEVEL=WARN").isEmpty();
  }

  @Test
  void notifierMetricsAreOneTopLevelEmfLine() throws Exception {
    Invocation run = invoke("ConsultationNotifierFunction", "dynamodb-new-consultation.json", "INFO");

    List<String> emf = run.lines().stream().filter(EmfLines::isEmf).toList();
    assertThat(emf).as("EMF lines among %s", run.lines()).hasSize(1);
    assertThat(EmfLines.labels(emf)).containsExactly("ColdStart=1.0", "NotificationsSent=1.0", "NotificationsFailed=0.0");
    assertThat(EmfLines.metrics(emf))
        .allSatisfy(datum -> {
          assertThat(datum.namespace()).isEqualTo("ContentFunctions");
          assertThat(datum.dimensions()).containsEntry("Function", "ConsultationNotifier");
        });
  }

  @Test
  void notifierColdStartPrintsNoSlf4jWarning() throws Exception {
    Invocation run = invoke("ConsultationNotifierFunction", "dynamodb-new-consultation.json", "INFO");

    assertThat(run.lines()).as("what the function printed").isNotEmpty().noneMatch(line -> line.startsWith("SLF4J"));
  }

  /** Each line parsed: one JSON object, Lambda's keys at its top, the invocation's request id. */
  private static List<JsonNode> topLevelObjects(Invocation run) {
    List<JsonNode> objects = new ArrayList<>();
    for (String line : run.lines()) {
      if (line.startsWith("SLF4J")) {
        continue; // Not a line of ours: notifierColdStartPrintsNoSlf4jWarning is about these.
      }
      if (EmfLines.isEmf(line)) {
        continue; // A metric line, no log line: notifierMetricsAreOneTopLevelEmfLine is about these.
      }
      JsonNode object;
      try {
        object = JSON.readTree(line);
      } catch (IOException e) {
        throw new AssertionError("Not one JSON object: " + line, e);
      }
      assertThat(object.isObject()).as("one JSON object: %s", line).isTrue();
      assertThat(object.fieldNames()).toIterable().as(line).contains("timestamp", "level", "requestId", "message");
      assertThat(object.path("requestId").asText()).as(line).isEqualTo(run.requestId());
      assertThat(object.path("message").asText())
          .as("a message of ours, not our line escaped into the runtime's: %s", line)
          .doesNotStartWith("{");
      objects.add(object);
    }
    return objects;
  }

  record Invocation(String requestId, String response, List<String> lines) {}

  /**
   * One cold start and one invocation of the function's zip under the runtime interface client;
   * what it answered and every non-blank line of its standard output and error.
   */
  private static Invocation invoke(String logicalId, String event, String level) throws Exception {
    FunctionDefinition function =
        CloudFormationTemplate.load(RepoPaths.template()).functions().stream()
            .filter(f -> f.logicalId().equals(logicalId))
            .findFirst()
            .orElseThrow();
    // A fresh /var/task per start, as Lambda gives each environment.
    Path task = DeploymentPackage.unzip(RepoPaths.root().resolve(function.codeUri()), Files.createTempDirectory(tasks, logicalId));
    Path output = task.resolveSibling(task.getFileName() + ".log");
    String requestId = "log-lines-" + level;

    try (OneInvocation api = new OneInvocation(RepoPaths.sampleEvent(event), requestId)) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  // JDK 25 warns (on stderr, one plain line per start) when the runtime client loads
                  // its JNI library without it; build/bootstrap passes it too (issue 17).
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  Files.readString(Path.of("target/ric-classpath.txt")).trim(),
                  RUNTIME_MAIN,
                  function.handler())
              .directory(task.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      Map<String, String> env = builder.environment();
      env.clear();
      env.put("PATH", System.getenv("PATH"));
      env.put("AWS_LAMBDA_RUNTIME_API", api.address());
      env.put("_HANDLER", function.handler());
      env.put("LAMBDA_TASK_ROOT", task.toString());
      env.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
      env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
      env.put("AWS_LAMBDA_LOG_LEVEL", level);
      env.put("AWS_REGION", moto.region().id());
      env.put("AWS_ACCESS_KEY_ID", "testing");
      env.put("AWS_SECRET_ACCESS_KEY", "testing");
      env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
      env.put("TOPIC_ARN", topicArn);
      Process process = builder.start();
      try {
        String response = api.response.get(60, TimeUnit.SECONDS);
        // Its next poll: everything the invocation printed is written by then.
        api.nextPoll.await(10, TimeUnit.SECONDS);
        return new Invocation(requestId, response, nonBlankLines(output));
      } catch (TimeoutException e) {
        throw new AssertionError("No answer in 60 s; the function printed:\n" + Files.readString(output), e);
      } finally {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      }
    }
  }

  private static List<String> nonBlankLines(Path output) throws IOException {
    return Files.readAllLines(output, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
  }

  /**
   * The Lambda Runtime API (2018-06-01) for one invocation: the event at the first {@code next},
   * the answer (or the error) recorded, then the runtime's next poll held until the test ends.
   */
  private static final class OneInvocation implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private final byte[] event;
    private final String requestId;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CompletableFuture<String> response = new CompletableFuture<>();
    private final CountDownLatch nextPoll = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean served;

    OneInvocation(byte[] event, String requestId) throws IOException {
      this.event = event;
      this.requestId = requestId;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
      server.setExecutor(executor);
      server.createContext(PREFIX, this::handle);
      server.start();
    }

    String address() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("invocation/next")) {
        if (nextInvocation()) {
          var headers = exchange.getResponseHeaders();
          headers.set("Content-Type", "application/json");
          headers.set("Lambda-Runtime-Aws-Request-Id", requestId);
          headers.set("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 30_000));
          headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:test");
          reply(exchange, 200, event);
        } else {
          // Held: answering would make the runtime print an error of its own into the lines read.
          nextPoll.countDown();
          awaitClose();
          exchange.close();
        }
      } else if (path.endsWith("/response")) {
        reply(exchange, 202, new byte[0]);
        response.complete(body);
      } else {
        reply(exchange, 202, new byte[0]);
        response.completeExceptionally(new AssertionError(path + ": " + body));
      }
    }

    private void awaitClose() {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private synchronized boolean nextInvocation() {
      boolean first = !served;
      served = true;
      return first;
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public void close() {
      response.complete(null);
      closed.countDown();
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
