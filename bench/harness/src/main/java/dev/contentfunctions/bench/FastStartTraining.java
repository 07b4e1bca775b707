package dev.contentfunctions.bench;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Trains the AOT cache of each function's fast-start package (issue 17), called by build/fast-start:
 *
 * <pre>FastStartTraining LogicalId=packageDir=taskDir ...</pre>
 *
 * <p>Each package ({@code packageDir}, the layer's root: {@code bootstrap} and {@code fast-start/})
 * is started through its own {@code bootstrap}, exactly as Lambda starts it, with {@code
 * FAST_START_TRAINING} set so that the JVM records what it loads and links, under the runtime
 * interface client and {@link RuntimeApi}, against moto with template.yaml's resources and the
 * content of content/ published. It gets the function's own warm-up requests: the read API's
 * SnapStart priming requests (read from its SnapStartPriming, so the two never drift apart) and
 * the sample events of events/ that the benchmark sends. When the JVM exits it writes {@code
 * fast-start/app.aot}. Then a copy of the package in another directory (as Lambda's /opt) is started
 * once more, with the cache, and the classes the JVM took from the cache are counted.
 *
 * <p>Any failure (a request answered 5xx, no cache written, the handler's class not taken from the
 * cache) ends the run with a non-zero status: build/fast-start fails loudly.
 */
public final class FastStartTraining {
  /** Each warm-up request is sent this many times: enough for the JVM's profiles to settle. */
  private static final int REPEATS = 3;

  private FastStartTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      throw new IllegalArgumentException("Usage: FastStartTraining LogicalId=packageDir=taskDir ...");
    }
    Path logs = RepoPaths.root().resolve("bench/harness/target/fast-start");
    Files.createDirectories(logs);
    try (BenchStack stack = new BenchStack();
        RuntimeApi api = new RuntimeApi()) {
      seed(stack);
      for (String arg : args) {
        String[] parts = arg.split("=", 3);
        train(stack, api, parts[0], Path.of(parts[1]).toAbsolutePath(), Path.of(parts[2]).toAbsolutePath(), logs);
      }
    }
  }

  /** content/'s posts, uploaded and published by the publisher, as the benchmark does. */
  static void seed(BenchStack stack) throws IOException, InterruptedException {
    Bench.progress("Training against moto (" + stack.moto.endpoint() + "): publishing content/");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Drepo.root=" + RepoPaths.root(), "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
        "seed", handlerClass(stack, "PublisherFunction"), stack.bucket()));
    command.addAll(stack.upload());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(stack.environment("PublisherFunction"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0 || !stack.seedPublished()) {
      throw new IllegalStateException("Publishing content/ failed:\n" + output);
    }
  }

  private static void train(BenchStack stack, RuntimeApi api, String logicalId, Path pkg, Path task, Path logs)
      throws Exception {
    Path cache = pkg.resolve("fast-start/app.aot");
    Files.deleteIfExists(cache);
    List<String> events = events(stack, logicalId, pkg);
    if (logicalId.equals("ConsultationsFunction")) {
      stack.recreate("ConsultationsTable");
    }
    Path log = logs.resolve(fileName(logicalId) + ".training.log");
    Files.deleteIfExists(log);
    Map<String, String> env = environment(stack, logicalId, task, api);
    env.put("FAST_START_TRAINING", cache.toString());
    long start = System.nanoTime();
    List<String> responses = start(pkg, task, env, events, api, log, Duration.TRAINING);
    for (String response : responses) {
      int status = status(response);
      if (status >= 500 || response.contains("\"batchItemFailures\":[{")) {
        throw new IllegalStateException(logicalId + " answered a training request with " + response + " (log: " + log + ")");
      }
    }
    if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
      throw new IllegalStateException(logicalId + ": the JVM wrote no AOT cache " + cache + " (log: " + log + ")");
    }
    Bench.progress(String.format("  %s: %d requests, cache %.1f MB in %.0f s", logicalId, events.size(),
        Files.size(cache) / 1e6, (System.nanoTime() - start) / 1e9));
    verify(stack, api, logicalId, pkg, task, events.get(events.size() - 1), logs);
  }

  /**
   * Starts the package once with its cache and the JVM's class-loading log, from a copy in another
   * directory (Lambda unpacks the layer into /opt, not where it was trained): the handler's class
   * must come from the cache ("shared objects file"), and most classes should.
   */
  private static void verify(BenchStack stack, RuntimeApi api, String logicalId, Path pkg, Path task, String event,
      Path logs) throws Exception {
    Path classLog = logs.resolve(fileName(logicalId) + ".classes.log");
    Files.deleteIfExists(classLog);
    Path moved = logs.resolve("relocated").resolve(fileName(logicalId));
    copy(pkg, moved);
    Map<String, String> env = environment(stack, logicalId, task, api);
    env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
    start(moved, task, env, List.of(event), api, logs.resolve(fileName(logicalId) + ".verify.log"), Duration.START);
    copy(null, moved);
    String handler = handlerClass(stack, logicalId);
    long cached;
    long total;
    boolean handlerCached;
    try (Stream<String> lines = Files.lines(classLog)) {
      List<String> loaded = lines.filter(line -> line.contains(" source: ")).toList();
      total = loaded.size();
      cached = loaded.stream().filter(line -> line.contains("source: shared objects file")).count();
      handlerCached = loaded.stream().anyMatch(line -> line.contains(" " + handler + " source: shared objects file"));
    }
    Bench.progress(String.format("  %s: %d of %d classes from the AOT cache", logicalId, cached, total));
    if (!handlerCached) {
      throw new IllegalStateException(logicalId + ": the JVM did not take " + handler + " from the AOT cache ("
          + classLog + "): the cache was rejected or does not match the package");
    }
  }

  /** cp -a from to (modes kept), after removing to; with from null, only removes to. */
  private static void copy(Path from, Path to) throws IOException, InterruptedException {
    List<List<String>> commands = new ArrayList<>(List.of(List.of("rm", "-rf", to.toString())));
    if (from != null) {
      Files.createDirectories(to.getParent());
      commands.add(List.of("cp", "-a", from.toString(), to.toString()));
    }
    for (List<String> command : commands) {
      if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    }
  }

  private enum Duration {
    TRAINING(300),
    START(60);

    final int exitSeconds;

    Duration(int exitSeconds) {
      this.exitSeconds = exitSeconds;
    }
  }

  /**
   * Runs the package's bootstrap until it has answered every event, then stops its JVM (SIGTERM, as
   * Lambda ends an environment) and waits for it to exit: a training JVM writes its cache then.
   */
  private static List<String> start(Path pkg, Path task, Map<String, String> env, List<String> events,
      RuntimeApi api, Path log, Duration duration) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(pkg.resolve("bootstrap").toString())
        .directory(task.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    Iterator<String> next = events.iterator();
    Supplier<String> supplier = next::next;
    RuntimeApi.Run run = api.serve(supplier, events.size());
    Process process = builder.start();
    try {
      awaitAnswers(run, process, 120);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException(pkg + " failed (log: " + log + "): " + e, e);
    }
    process.destroy();
    if (!process.waitFor(duration.exitSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(pkg + " did not exit in " + duration.exitSeconds + " s (log: " + log + ")");
    }
    synchronized (run) {
      return List.copyOf(run.responses);
    }
  }

  /**
   * Waits until the runtime has answered every event; fails at once if its process exits first (a
   * JVM that cannot start never polls).
   */
  static void awaitAnswers(RuntimeApi.Run run, Process process, int seconds)
      throws ExecutionException, TimeoutException, InterruptedException {
    java.util.concurrent.CompletableFuture.anyOf(run.finished, process.onExit()).get(seconds, TimeUnit.SECONDS);
    if (!run.finished.isDone()) {
      throw new ExecutionException(new IllegalStateException("the process exited with " + process.exitValue()
          + " before answering every event"));
    }
    run.finished.get();
  }

  static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** What Lambda sets for a provided.al2023 function, with the template's variables resolved. */
  static Map<String, String> environment(BenchStack stack, String logicalId, Path task, RuntimeApi api) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", "/usr/local/bin:/usr/bin/:/bin");
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_LAMBDA_RUNTIME_API", api.address());
    env.put("_HANDLER", handler(stack, logicalId));
    env.put("LAMBDA_TASK_ROOT", task.toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_provided.al2023");
    env.put("AWS_LAMBDA_FUNCTION_NAME", logicalId);
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memory(stack, logicalId)));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + logicalId);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "training");
    env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
    env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
    env.putAll(functionEnvironment(stack, logicalId));
    return env;
  }

  /** The prefix of the benchmark's reference handlers (the floors), e.g. bench:StreamGetItemHandler. */
  static final String BENCH = "bench:";

  /** The function's own variables; for the GetItem floor, the read API's and the seed post's key. */
  static Map<String, String> functionEnvironment(BenchStack stack, String logicalId) {
    if (!logicalId.startsWith(BENCH)) {
      return stack.environment(logicalId);
    }
    Map<String, String> env = new LinkedHashMap<>(stack.environment("PostsApiFunction"));
    if (logicalId.contains("GetItem")) {
      var seedKey = dev.contentfunctions.tables.posts.PostMapper.postKey(BenchStack.SEED_SLUG);
      env.put("BENCH_PK", seedKey.get(dev.contentfunctions.tables.posts.PostMapper.PK).s());
      env.put("BENCH_SK", seedKey.get(dev.contentfunctions.tables.posts.PostMapper.SK).s());
    }
    return env;
  }

  /** The function's MemorySize, or the Globals' (1024). */
  static int memory(BenchStack stack, String logicalId) {
    if (logicalId.startsWith(BENCH)) {
      return 1024;
    }
    var own = stack.template.root().path("Resources").path(logicalId).path("Properties").path("MemorySize");
    var global = stack.template.root().path("Globals").path("Function").path("MemorySize");
    return own.isInt() ? own.asInt() : global.asInt(1024);
  }

  /** The function's warm-up requests, each {@link #REPEATS} times. */
  private static List<String> events(BenchStack stack, String logicalId, Path pkg) throws Exception {
    List<Supplier<String>> kinds = new ArrayList<>();
    switch (logicalId) {
      case "PostsApiFunction" -> {
        for (String event : primingEvents(pkg)) {
          kinds.add(() -> event);
        }
        kinds.add(Events.supplier(Events.Kind.GET_POST, null, null, null));
        kinds.add(Events.supplier(Events.Kind.GET_PAGE, null, null, null));
        kinds.add(Events.supplier(Events.Kind.LIST_POSTS, null, null, null));
      }
      case "ConsultationsFunction" -> kinds.add(Events.supplier(Events.Kind.BOOKING, null, null, null));
      case "CoachApiFunction" -> kinds.add(Events.supplier(Events.Kind.COACH_LIST, null, null, null));
      case "ConsultationNotifierFunction" -> kinds.add(Events.supplier(Events.Kind.NEW_REQUEST, null, null, null));
      case "PublisherFunction" -> kinds.add(Events.supplier(Events.Kind.PUBLISH, stack.bucket(), BenchStack.SEED_KEY,
          stack.versions.get(BenchStack.SEED_KEY)));
      default -> {
        if (!logicalId.startsWith(BENCH)) {
          throw new IllegalArgumentException("No warm-up requests for " + logicalId);
        }
        kinds.add(Events.supplier(Events.Kind.CONSTANT, null, null, null));
      }
    }
    List<String> events = new ArrayList<>();
    for (int i = 0; i < REPEATS; i++) {
      kinds.forEach(kind -> events.add(kind.get()));
    }
    return events;
  }

  /** The read API's SnapStart priming requests, as SnapStartPriming itself makes them. */
  private static List<String> primingEvents(Path pkg) throws Exception {
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(pkg.resolve("fast-start/lib"))) {
      for (Path jar : files.sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    try (URLClassLoader loader = new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Class<?> priming = Class.forName("dev.contentfunctions.posts.SnapStartPriming", true, loader);
      Field requests = priming.getDeclaredField("REQUESTS");
      requests.setAccessible(true);
      Method event = priming.getDeclaredMethod("event", String.class, String.class);
      event.setAccessible(true);
      List<String> events = new ArrayList<>();
      for (Object request : (List<?>) requests.get(null)) {
        String[] pathAndQuery = (String[]) request;
        events.add(new String((byte[]) event.invoke(null, pathAndQuery[0], pathAndQuery[1]), StandardCharsets.UTF_8));
      }
      return events;
    }
  }

  private static int status(String response) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response).path("statusCode").asInt(200);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String handler(BenchStack stack, String logicalId) {
    if (logicalId.startsWith(BENCH)) {
      return "dev.contentfunctions.bench.reference." + logicalId.substring(BENCH.length()) + "::handleRequest";
    }
    return stack.template.functions().stream()
        .filter(f -> f.logicalId().equals(logicalId))
        .findFirst()
        .orElseThrow()
        .handler();
  }

  static String handlerClass(BenchStack stack, String logicalId) {
    String handler = handler(stack, logicalId);
    return handler.substring(0, handler.indexOf("::"));
  }
}
