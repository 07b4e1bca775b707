package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CdnBehaviours;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The functions' side of the local run, started by {@link LocalRun} in a JVM of its own whose
 * environment is the functions' (from template.yaml, as Lambda sets it), since handlers read their
 * configuration from the environment and a JVM cannot change its own. Hosts every function that has
 * a local trigger: S3 events (polled from their queue), a table's stream, and HTTP API routes
 * (served on localhost).
 *
 * <p>Arguments: {@code --template PATH --api-port N --web DIR [--queue FunctionId=QueueUrl]...
 * [--stream FunctionId=StreamArn]... [--origin-bucket OriginId=BucketName]...}
 */
public final class FunctionsMain {
  private static final int DEFAULT_RETRY_ATTEMPTS = 2; // Lambda's, for asynchronous invocations

  private FunctionsMain() {}

  public static void main(String[] args) throws IOException {
    exitWithParent();
    try {
      run(args);
    } catch (RuntimeException e) {
      // A configuration problem (a handler missing from the classpath, a failing constructor):
      // the message says what to do; the trace is for the rare case where it does not.
      System.err.println("The functions cannot start: " + e.getMessage());
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(String[] args) throws IOException {
    Path template = null;
    int apiPort = -1;
    Path webDir = null;
    Map<String, String> queues = new LinkedHashMap<>();
    Map<String, String> streams = new LinkedHashMap<>();
    Map<String, String> originBuckets = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--template" -> template = Path.of(value);
        case "--api-port" -> apiPort = Integer.parseInt(value);
        case "--web" -> webDir = Path.of(value);
        case "--queue" -> put(queues, value);
        case "--stream" -> put(streams, value);
        case "--origin-bucket" -> put(originBuckets, value);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    if (template == null || apiPort < 0 || webDir == null) {
      throw new IllegalArgumentException(
          "Usage: FunctionsMain --template PATH --api-port N --web DIR [--queue"
              + " FunctionId=QueueUrl]... [--stream FunctionId=StreamArn]...");
    }

    PrintStream out = System.out;
    // The functions log to standard output: their lines get their name, as the other lines of
    // the run do.
    System.setOut(FunctionOutput.around(out));
    CloudFormationTemplate cfn = CloudFormationTemplate.load(template);
    HttpApiRoutes routes = HttpApiRoutes.fromTemplate(cfn);
    CdnBehaviours behaviours = cfn.cdnBehaviours(ApiServer.SITE_DISTRIBUTION);
    Set<String> fedByEvents = new HashSet<>(queues.keySet());
    fedByEvents.addAll(streams.keySet());
    FunctionPlan plan = FunctionPlan.of(cfn, routes, fedByEvents);
    Map<String, LocalFunction> functions = new LinkedHashMap<>();
    for (FunctionDefinition definition : plan.hosted()) {
      functions.put(definition.logicalId(), LocalFunction.load(cfn, definition, out));
    }
    // The SDK reads the endpoint, region and credentials from this JVM's environment.
    SqsClient sqs =
        SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    List<S3EventPoller> pollers = new ArrayList<>();
    queues.forEach(
        (functionId, queueUrl) -> {
          LocalFunction function = functions.get(functionId);
          if (function == null) {
            return; // not run locally (the banner says why): its events wait in the queue
          }
          int retries =
              cfn.properties(functionId)
                  .path("EventInvokeConfig")
                  .path("MaximumRetryAttempts")
                  .asInt(DEFAULT_RETRY_ATTEMPTS);
          pollers.add(new S3EventPoller(sqs, queueUrl, function, 1 + retries, out));
        });
    DynamoDbStreamsClient streamsClient =
        DynamoDbStreamsClient.builder()
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    DynamoDbClient dynamoDb =
        DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    List<StreamPoller> streamPollers = new ArrayList<>();
    streams.forEach(
        (functionId, streamArn) -> {
          LocalFunction function = functions.get(functionId);
          if (function == null) {
            return; // not run locally (the banner says why)
          }
          // LocalStack allows one DynamoDB event per function.
          FunctionDefinition.Event event =
              cfn.functions().stream()
                  .filter(f -> f.logicalId().equals(functionId))
                  .flatMap(f -> f.events().stream())
                  .filter(e -> e.type().equals("DynamoDB"))
                  .findFirst()
                  .orElseThrow();
          streamPollers.add(
              StreamPoller.open(
                  streamsClient, dynamoDb, streamArn, function, event.properties(), out));
        });

    // The site's bucket origins other than web/ (the media bucket), read from the local S3.
    S3Client s3 =
        originBuckets.isEmpty()
            ? null
            : S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .forcePathStyle(true)
                .build();
    ApiServer api =
        ApiServer.start(
            apiPort, behaviours, routes, functions, plan.notHosted(), webDir, originBuckets, s3, out);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  pollers.forEach(S3EventPoller::stop);
                  streamPollers.forEach(StreamPoller::stop);
                  api.close();
                },
                "functions-shutdown"));
    pollers.forEach(poller -> startDaemon(poller, "s3-events"));
    streamPollers.forEach(poller -> startDaemon(poller, "stream-events"));
  }

  private static void startDaemon(Runnable poller, String name) {
    Thread thread = new Thread(poller, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code FunctionId=Value} into the map. */
  private static void put(Map<String, String> byFunction, String argument) {
    String[] functionAndValue = argument.split("=", 2);
    byFunction.put(functionAndValue[0], functionAndValue[1]);
  }

  /** The launcher stops this JVM on exit; if it is killed outright, this JVM must not linger. */
  private static void exitWithParent() {
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(1)));
  }
}
