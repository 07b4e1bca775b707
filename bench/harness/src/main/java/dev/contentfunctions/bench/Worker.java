package dev.contentfunctions.bench;

import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.publishing.markdown.PostSource;
import dev.contentfunctions.publishing.markdown.SourceText;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.tables.posts.PostMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * In-process measurements, one JVM per measurement (started by {@link Bench} with the function's
 * environment and Lambda's JVM flags). Prints {@code RESULT <name> <value>} lines. Handlers are
 * built and invoked through {@link Invoker}: event JSON in, response JSON out, stream or typed.
 *
 * <pre>
 * api &lt;handler class&gt; &lt;GET_POST|LIST_POSTS|BOOKING&gt; &lt;warm-up&gt; &lt;measured&gt;
 * bare &lt;warm-up&gt; &lt;measured&gt;                    GetItem and Query as the read API makes them
 * render &lt;seed|big&gt; &lt;warm-up&gt; &lt;measured&gt;       front matter + Markdown -> sanitised HTML
 * publish &lt;handler class&gt; &lt;seed|big&gt; &lt;bucket&gt; &lt;version&gt; &lt;warm-up&gt; &lt;measured&gt;   the whole handler: S3, render, DynamoDB, report
 * seed &lt;handler class&gt; &lt;bucket&gt; &lt;key=version&gt;...   publishes the uploaded posts
 * restore &lt;handler class&gt; &lt;GET_POST|LIST_POSTS&gt; &lt;primed: true|false&gt;   a SnapStart restore's first request
 * </pre>
 */
public final class Worker {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Worker() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "api" -> api(args[1], Events.Kind.valueOf(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
      case "bare" -> bare(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "render" -> render(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "publish" -> publish(
          args[1], args[2], args[3], args[4], Integer.parseInt(args[5]), Integer.parseInt(args[6]));
      case "seed" -> seed(args[1], args[2], List.of(args).subList(3, args.length));
      case "restore" -> restore(args[1], Events.Kind.valueOf(args[2]), Boolean.parseBoolean(args[3]));
      default -> throw new IllegalArgumentException("Unknown worker mode " + args[0]);
    }
  }

  private static void api(String handlerClass, Events.Kind kind, int warmup, int measured) throws Exception {
    long start = System.nanoTime();
    Invoker handler = Invoker.of(handlerClass);
    result("construct_ms", (System.nanoTime() - start) / 1e6);
    var events = Events.supplier(kind, null, null, null);
    List<byte[]> prepared = new ArrayList<>();
    for (int i = 0; i < warmup + measured + 1; i++) {
      prepared.add(events.get().getBytes(StandardCharsets.UTF_8));
    }
    int[] index = {0};
    List<String> failures = new ArrayList<>();
    LongSupplier invoke =
        () -> {
          byte[] event = prepared.get(index[0]++);
          LocalContext context = new LocalContext("bench");
          long t = System.nanoTime();
          byte[] response = handler.invoke(event, context);
          long elapsed = System.nanoTime() - t;
          int status = Invoker.status(response);
          if (status < 200 || status > 299) {
            // Counted and reported, not fatal: moto has stalled bookings past the client's timeout.
            failures.add(status + " " + context.logLines());
          }
          return elapsed;
        };
    latencies("handler", invoke, warmup, measured);
    CallCounter.start();
    invoke.getAsLong();
    result("calls", CallCounter.stop());
    result("failed", failures.size());
    replay(CallCounter.requests(), warmup, measured);
    failures.stream().limit(3).forEach(failure -> System.out.println("FAILED " + failure));
  }

  /**
   * What SnapStart priming buys, as far as it shows without a snapshot: the handler built as at
   * init, then (primed) the hook Lambda calls before taking the snapshot, then the first request a
   * restored environment would serve, timed from the event's JSON to the response's (for a typed
   * handler, the runtime's deserialisation, which priming does not reach, included). The restore
   * itself is not measured.
   */
  private static void restore(String handlerClass, Events.Kind kind, boolean primed) throws Exception {
    Invoker handler = Invoker.of(handlerClass);
    if (primed) {
      org.crac.Resource hook = snapStartHook(handler.handler());
      long start = System.nanoTime();
      hook.beforeCheckpoint(null);
      result("prime_ms", (System.nanoTime() - start) / 1e6);
    }
    byte[] event = Events.supplier(kind, null, null, null).get().getBytes(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    byte[] response = handler.invoke(event, new LocalContext("bench"));
    result("first_ms", (System.nanoTime() - start) / 1e6);
    result("status", Invoker.status(response));
  }

  /** The CRaC resource the handler registered at init (held in a field), which Lambda would call. */
  private static org.crac.Resource snapStartHook(Object handler) throws ReflectiveOperationException {
    for (var field : handler.getClass().getDeclaredFields()) {
      if (org.crac.Resource.class.isAssignableFrom(field.getType())) {
        field.setAccessible(true);
        return (org.crac.Resource) field.get(handler);
      }
    }
    throw new IllegalStateException(handler.getClass().getName() + " registers no SnapStart hook");
  }

  /**
   * The floor of a read request: the very DynamoDB requests it made, sent again in order by a bare
   * client with the same settings. Only for reads (a write would not do the same twice).
   */
  private static void replay(List<SdkRequest> requests, int warmup, int measured) {
    if (!requests.stream().allMatch(r -> r instanceof GetItemRequest || r instanceof QueryRequest)) {
      return;
    }
    DynamoDbClient dynamoDb =
        AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build();
    LongSupplier replay =
        () -> {
          long t = System.nanoTime();
          for (SdkRequest request : requests) {
            if (request instanceof GetItemRequest get) {
              dynamoDb.getItem(get);
            } else {
              dynamoDb.query((QueryRequest) request);
            }
          }
          return System.nanoTime() - t;
        };
    latencies("replay", replay, warmup, measured);
  }

  private static void bare(int warmup, int measured) {
    DynamoDbClient dynamoDb =
        AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build();
    String table = System.getenv("POSTS_TABLE");
    Map<String, AttributeValue> key = PostMapper.postKey(BenchStack.SEED_SLUG);
    latencies(
        "getitem",
        () -> timed(() -> dynamoDb.getItem(r -> r.tableName(table).key(key))),
        warmup,
        measured);
    latencies(
        "query",
        () ->
            timed(
                () ->
                    dynamoDb.query(
                        r ->
                            r.tableName(table)
                                .indexName(PostMapper.BY_DATE_INDEX)
                                .keyConditionExpression("listPk = :list AND listSk <= :now")
                                .expressionAttributeValues(
                                    Map.of(
                                        ":list", AttributeValue.fromS(PostMapper.PUBLISHED_LIST),
                                        ":now", AttributeValue.fromS(Instant.now().toString())))
                                .scanIndexForward(false)
                                .limit(3))),
        warmup,
        measured);
  }

  private static void render(String which, int warmup, int measured) throws Exception {
    byte[] source = source(which);
    long start = System.nanoTime();
    FrontMatterParser parser = new FrontMatterParser();
    MarkdownRenderer renderer = new MarkdownRenderer();
    result("construct_ms", (System.nanoTime() - start) / 1e6);
    Runnable render =
        () -> {
          PostSource post = parser.parse(SourceText.decode(source));
          renderer.render(post.body());
        };
    result("first_ms", timed(render) / 1e6);
    cpuAndWall(render, warmup, measured);
  }

  private static void publish(
      String handlerClass, String which, String bucket, String version, int warmup, int measured) throws Exception {
    String key = which.equals("big") ? BenchStack.BIG_KEY : BenchStack.SEED_KEY;
    long start = System.nanoTime();
    Invoker handler = Invoker.of(handlerClass);
    result("construct_ms", (System.nanoTime() - start) / 1e6);
    Runnable publish = () -> handler.invoke(Events.publish(bucket, key, version), new LocalContext("bench"));
    result("first_ms", timed(publish) / 1e6);
    cpuAndWall(publish, warmup, measured);
    CallCounter.start();
    publish.run();
    result("calls", CallCounter.stop());
  }

  /** Publishes each uploaded {@code key=version} through the publisher's handler, in order. */
  private static void seed(String handlerClass, String bucket, List<String> uploads) throws Exception {
    Invoker handler = Invoker.of(handlerClass);
    for (String upload : uploads) {
      int at = upload.indexOf('=');
      handler.invoke(Events.publish(bucket, upload.substring(0, at), upload.substring(at + 1)), new LocalContext("bench-seed"));
    }
    result("published", uploads.size());
  }

  private static byte[] source(String which) throws Exception {
    return which.equals("big")
        ? BigPost.markdown(1_000_000).getBytes(StandardCharsets.UTF_8)
        : Files.readAllBytes(RepoPaths.root().resolve("content").resolve(BenchStack.SEED_KEY));
  }

  /** Wall and thread CPU time per run, after a warm-up: medians, in ms. */
  private static void cpuAndWall(Runnable task, int warmup, int measured) {
    for (int i = 0; i < warmup; i++) {
      task.run();
    }
    long[] wall = new long[measured];
    long[] cpu = new long[measured];
    for (int i = 0; i < measured; i++) {
      long c = THREADS.getCurrentThreadCpuTime();
      long t = System.nanoTime();
      task.run();
      wall[i] = System.nanoTime() - t;
      cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
    }
    result("warm_wall_ms", Stats.ofNanos(wall).median());
    result("warm_cpu_ms", Stats.ofNanos(cpu).median());
  }

  private static void latencies(String name, LongSupplier run, int warmup, int measured) {
    for (int i = 0; i < warmup; i++) {
      run.getAsLong();
    }
    long[] samples = new long[measured];
    for (int i = 0; i < measured; i++) {
      samples[i] = run.getAsLong();
    }
    Stats stats = Stats.ofNanos(samples);
    result(name + "_p50_ms", stats.median());
    result(name + "_p99_ms", stats.percentile(99));
  }

  private static long timed(Runnable task) {
    long t = System.nanoTime();
    task.run();
    return System.nanoTime() - t;
  }

  private static void result(String name, Object value) {
    System.out.println("RESULT " + name + " " + (value instanceof Double d ? String.format("%.3f", d) : value));
  }
}
