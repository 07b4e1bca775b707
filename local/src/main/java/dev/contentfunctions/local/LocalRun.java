package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CdnBehaviours;
import dev.contentfunctions.localaws.AlarmDefinition;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code local/run}: the whole back end on this machine. Starts moto, creates template.yaml's
 * tables, bucket and topics in it, starts the functions in a JVM of their own ({@link
 * FunctionsMain}) fed by the bucket's S3 events and the tables' streams and serving the template's
 * HTTP API, prints a line per message the topics send, and mirrors the content folder into the
 * bucket. Stopping this JVM (Ctrl-C, SIGTERM) stops all of it.
 */
public final class LocalRun implements AutoCloseable {
  private static final Duration FUNCTIONS_START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern STACK_NAME =
      Pattern.compile("(?m)^\\s*stack_name\\s*=\\s*\"([^\"]+)\"");

  /**
   * What a caller of {@link #start} uses of the running stack (load/run: the API to load and the
   * bucket whose publisher reports say when the content is published).
   */
  public record Running(URI apiUrl, String contentBucket, S3Client s3) {}

  /** Closed in reverse order of starting. */
  private final List<AutoCloseable> started = new ArrayList<>();

  private FunctionsProcess functions;
  private volatile boolean stopping;

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(LocalRunOptions.USAGE);
      return;
    }
    LocalRunOptions options;
    try {
      // local/run starts this JVM in local/ and passes the directory it was called from.
      Path callerDir = Path.of(System.getProperty("local.run.caller.dir", "")).toAbsolutePath();
      options = LocalRunOptions.parse(args, System.getenv(), callerDir, RepoPaths.root());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LocalRunOptions.USAGE);
      System.exit(2);
      return;
    }

    LocalRun run = new LocalRun();
    Runtime.getRuntime().addShutdownHook(new Thread(run::close, "local-run-shutdown"));
    try {
      run.start(options, System.out);
    } catch (RuntimeException | IOException e) {
      if (!run.stopping) { // else Ctrl-C while starting: nothing to report
        System.err.println(
            "local/run cannot start: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      }
      System.exit(1); // the shutdown hook stops whatever had started
    }
    int exitCode = run.functions.waitFor();
    if (!run.stopping) {
      System.err.println(
          "The functions' JVM exited with code " + exitCode + " (see above); stopping everything.");
      System.exit(1);
    }
  }

  public Running start(LocalRunOptions options, PrintStream out) throws IOException, InterruptedException {
    long startedAt = System.nanoTime();
    Path root = RepoPaths.root();
    CloudFormationTemplate template = CloudFormationTemplate.load(RepoPaths.template());
    HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);
    // Before anything starts: without the distribution there is no site to serve.
    CdnBehaviours behaviours = template.cdnBehaviours(ApiServer.SITE_DISTRIBUTION);

    ServerSocket awsSocket =
        started(
            Ports.listen(
                options.awsPort(),
                options.awsPortExplicit(),
                "The AWS",
                "LOCAL_AWS_PORT or --aws-port"));
    int apiPort;
    try (ServerSocket probe =
        Ports.listen(
            options.apiPort(),
            options.apiPortExplicit(),
            "The API",
            "LOCAL_API_PORT or --api-port")) {
      apiPort = probe.getLocalPort(); // released for the functions' JVM to listen on
    }

    String localUrl = "http://127.0.0.1:" + apiPort;
    Map<String, String> parameters =
        LocalParameters.resolve(LocalParameters.file(root), options.parameters(), localUrl);

    MotoServer moto = started(MotoServer.start());
    LocalStack stack = LocalStack.create(template, moto, stackName(root), parameters);
    PortRelay relay = started(new PortRelay(awsSocket, moto.endpoint()));
    URI awsEndpoint = URI.create("http://127.0.0.1:" + relay.port());

    Map<String, String> queues = new LinkedHashMap<>();
    stack.eventQueues().forEach(queue -> queues.put(queue.functionId(), queue.queueUrl()));
    Map<String, String> streams = new LinkedHashMap<>();
    stack.streamSources().forEach(source -> streams.put(source.functionId(), source.streamArn()));
    Set<String> fedByEvents = new HashSet<>(queues.keySet());
    fedByEvents.addAll(streams.keySet());
    FunctionPlan plan = FunctionPlan.of(template, routes, fedByEvents);
    Map<String, String> environment =
        new LinkedHashMap<>(stack.values().environment(plan.hosted()));
    // What Lambda sets (region, credentials), plus the SDK's own setting for a local endpoint.
    String region = moto.region().id();
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
    environment.put("AWS_ACCESS_KEY_ID", "testing");
    environment.put("AWS_SECRET_ACCESS_KEY", "testing");

    List<String> arguments = new ArrayList<>();
    Collections.addAll(
        arguments,
        "--template",
        template.path().toAbsolutePath().toString(),
        "--api-port",
        String.valueOf(apiPort),
        "--web",
        options.webDir().toString());
    originBuckets(behaviours, stack)
        .forEach((origin, bucket) -> Collections.addAll(arguments, "--origin-bucket", origin + "=" + bucket));
    queues.forEach(
        (function, url) -> Collections.addAll(arguments, "--queue", function + "=" + url));
    streams.forEach(
        (function, arn) -> Collections.addAll(arguments, "--stream", function + "=" + arn));
    functions = started(FunctionsProcess.start(environment, arguments));
    functions.awaitServing(apiPort, FUNCTIONS_START_TIMEOUT);
    // Once the functions serve, their stream poller reads from now on: the coach is notified of the
    // seeded booking as of any other.
    SampleBooking.seed(template, stack.values(), moto.dynamoDb(), moto.secretsManager(), Instant.now());

    String bucket = contentBucket(stack);
    Path samLocalEnv = SamLocalEnv.file(root);
    SamLocalEnv.write(samLocalEnv, SamLocalEnv.json(template, stack.values(), awsEndpoint));
    Duration startup = Duration.ofNanos(System.nanoTime() - startedAt);
    out.print(
        Banner.text(
            options,
            apiPort,
            awsEndpoint,
            region,
            behaviours,
            routes,
            plan,
            stack,
            AlarmDefinition.all(template),
            bucket,
            moto.logFile(),
            samLocalEnv,
            startup));
    out.flush();

    // After the banner, so that the uploads and the publishing they cause follow it on the console.
    for (LocalStack.TopicQueues topic : stack.topicQueues()) {
      started(new TopicConsole(moto.sqs(), topic.topicId(), topic.consoleUrl(), out)).start();
    }
    started(new ContentMirror(options.contentDir(), ContentMirror.s3(moto.s3(), bucket), out))
        .start();
    return new Running(URI.create(localUrl), bucket, moto.s3());
  }

  /** Stops everything started, newest first; safe to call more than once. */
  @Override
  public synchronized void close() {
    stopping = true;
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println(
            "While stopping " + started.get(i).getClass().getSimpleName() + ": " + e);
      }
    }
    started.clear();
  }

  private synchronized <T extends AutoCloseable> T started(T resource) {
    if (stopping) {
      // Ctrl-C during start-up: close() has run, so this one would be left behind.
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("While stopping " + resource.getClass().getSimpleName() + ": " + e);
      }
      throw new IllegalStateException("stopped while starting");
    }
    started.add(resource);
    return resource;
  }

  /**
   * The site distribution's S3 origins that are buckets of the local S3, by origin id: every one
   * but the site bucket's, whose objects are the website folder's files. So {@code /media/*} is
   * served from the media bucket the publisher writes (its name is the functions' MEDIA_BUCKET,
   * from the template's {@code !Ref MediaBucket}, as every bucket's).
   */
  static Map<String, String> originBuckets(CdnBehaviours behaviours, LocalStack stack) {
    Map<String, String> buckets = new LinkedHashMap<>();
    for (CdnBehaviours.Behaviour behaviour : behaviours.behaviours()) {
      CdnBehaviours.Origin origin = behaviour.origin();
      if (origin.kind() != CdnBehaviours.OriginKind.S3 || origin.bucket() == null || origin.bucket().equals(ApiServer.WEB_BUCKET)) {
        continue;
      }
      stack.resources().stream()
          .filter(resource -> resource.kind().equals("bucket") && resource.logicalId().equals(origin.bucket()))
          .findFirst()
          .ifPresent(resource -> buckets.put(origin.id(), resource.name()));
    }
    return buckets;
  }

  /** The bucket the content folder is mirrored into: the one whose S3 events a function takes. */
  private static String contentBucket(LocalStack stack) {
    List<String> buckets =
        stack.eventQueues().stream().map(LocalStack.EventQueue::bucket).distinct().toList();
    if (buckets.size() != 1) {
      throw new IllegalStateException(
          "The content folder is mirrored into the bucket whose S3 events a function takes;"
              + " template.yaml has "
              + buckets.size()
              + " such buckets");
    }
    return buckets.get(0);
  }

  /**
   * samconfig.toml's stack name, which the template's names derive from: the local bucket then has
   * the name the sample events in events/ use.
   */
  static String stackName(Path root) throws IOException {
    Path samconfig = root.resolve("samconfig.toml");
    if (Files.isRegularFile(samconfig)) {
      Matcher name = STACK_NAME.matcher(Files.readString(samconfig));
      if (name.find()) {
        return name.group(1);
      }
    }
    return "local";
  }
}
