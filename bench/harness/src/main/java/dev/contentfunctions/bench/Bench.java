package dev.contentfunctions.bench;

import dev.contentfunctions.bench.ColdStarts.Function;
import dev.contentfunctions.bench.ColdStarts.Sample;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.zip.ZipFile;

/**
 * Runs the whole benchmark (issue 6) and writes docs/performance.md.
 *
 * <pre>java -cp ... dev.contentfunctions.bench.Bench [--runs N] [--warm W] [--out FILE] [--before DIR]</pre>
 *
 * <p>bench/run builds everything and calls this. {@code --before DIR} also cold-starts the
 * deployment zips found in DIR ({@code <function>.zip}, e.g. built from an earlier commit) under
 * the same runtime client, flags and moto, each right after this tree's version of it.
 */
public final class Bench {
  /** Lambda's java25 defaults that matter here (documented: C1 only; CDS on). */
  static final List<String> LAMBDA_TIERED = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  /**
   * Both variants approximate a 1024 MB function: one GC thread and a bounded heap (here, on a
   * machine with more memory, the JVM would otherwise pick G1 and a quarter of RAM).
   */
  static final List<String> COMMON = List.of("-Xshare:auto", "-XX:+UseSerialGC", "-Xmx870m");

  static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();

  static {
    VARIANTS.put("Lambda flags", concat(COMMON, LAMBDA_TIERED));
    VARIANTS.put("without C1 cap", COMMON);
  }

  private final Path root = RepoPaths.root();
  private final Path work = root.resolve("bench/harness/target/run");
  private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  /** Appended to a function's name for its cold starts from the --before zips. */
  static final String BEFORE = " (before)";

  private final Results results;
  private final Path before;
  private final Set<Path> unpackedZips = new HashSet<>();

  /** --only: a word of the request names to measure (e.g. "posts"); null measures everything. */
  private final String only;

  /** --tracing: measure only what X-Ray tracing costs a cold start (issue 14); null otherwise. */
  private final Tracing tracing;

  private Bench(Results results, Path before, String only, Tracing tracing) {
    this.results = results;
    this.before = before;
    this.only = only;
    this.tracing = tracing;
  }

  private boolean measures(String name) {
    return only == null || name.contains(only);
  }

  public static void main(String[] args) throws Exception {
    int runs = 5;
    int warm = 20;
    Path out = RepoPaths.root().resolve("docs/performance.md");
    Path before = null;
    String only = null;
    Tracing tracing = null;
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--tracing")) {
        tracing = new Tracing();
        i--;
        continue;
      }
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--warm" -> warm = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]).toAbsolutePath();
        case "--before" -> before = Path.of(args[i + 1]).toAbsolutePath();
        case "--only" -> only = args[i + 1];
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    if (before != null && !Files.isDirectory(before)) {
      throw new IllegalArgumentException("--before " + before + ": no such directory");
    }
    if (tracing != null && !List.of(args).contains("--out")) {
      out = RepoPaths.root().resolve("bench/harness/target/tracing.md");
    }
    Results results = new Results(runs, warm, before);
    new Bench(results, before, only, tracing).run();
    String markdown = tracing != null ? tracing.markdown(runs, warm) : Report.markdown(results);
    // bench/fast-start's section (issue 17) is its own run's: kept as it was.
    String previous = tracing == null && Files.exists(out) ? Files.readString(out) : "";
    int begin = previous.indexOf(FastStartBench.BEGIN);
    int end = previous.indexOf(FastStartBench.END);
    if (begin >= 0 && end > begin) {
      markdown += "\n" + previous.substring(begin, end + FastStartBench.END.length()) + "\n";
    }
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.err.println("Wrote " + out);
  }

  private void run() throws IOException {
    Files.createDirectories(work.resolve("logs"));
    results.sizes.putAll(sizes());
    try (BenchStack stack = new BenchStack();
        RuntimeApi api = new RuntimeApi()) {
      progress("Seeding moto (" + stack.moto.endpoint() + ") with content/ and a 1 MB post");
      List<String> uploads = stack.upload();
      List<String> seed = new ArrayList<>(List.of("seed", handlerClass(stack, "PublisherFunction"), stack.bucket()));
      seed.addAll(uploads);
      worker(stack.environment("PublisherFunction"), VARIANTS.get("Lambda flags"), seed.toArray(String[]::new));
      if (!stack.seedPublished()) {
        throw new IllegalStateException("The publisher did not publish " + BenchStack.SEED_KEY);
      }
      List<Function> functions = functions(stack);
      ColdStarts coldStarts =
          new ColdStarts(api, java, Files.readString(harnessTarget().resolve("ric-classpath.txt")).trim(), work.resolve("logs"));
      if (tracing != null) {
        tracing.run(functions, coldStarts, api, work.resolve("tasks"), harnessTarget().resolve("xray-lib"), results.runs, results.warm);
        return;
      }

      progress("Cold starts: one discarded round, then " + results.runs + " rounds of each function and variant");
      for (Function function : functions) {
        coldStarts.run(function, VARIANTS.get("Lambda flags"), results.warm);
      }
      for (int round = 1; round <= results.runs; round++) {
        for (var variant : VARIANTS.entrySet()) {
          for (Function function : inTurn(functions, round)) {
            Sample sample = coldStarts.run(function, variant.getValue(), results.warm);
            results.coldStarts
                .computeIfAbsent(variant.getKey(), v -> new LinkedHashMap<>())
                .computeIfAbsent(function.name(), f -> new ArrayList<>())
                .add(sample);
            progress(String.format("  %d/%d %-15s %-36s init %4.0f ms, first %4.0f ms, warm %5.1f ms",
                round, results.runs, variant.getKey(), function.name(), sample.initMs(), sample.firstMs(), sample.warmMs()));
          }
        }
      }
      progress("Classes loaded per function (-Xlog:class+load)");
      for (Function function : functions) {
        results.classes.put(function.name(), coldStarts.classesLoaded(function, VARIANTS.get("Lambda flags"), results.warm));
      }

      progress("Warm latency in-process");
      Map<String, String> postsEnv = stack.environment("PostsApiFunction");
      Map<String, String> bookingEnv = stack.environment("ConsultationsFunction");
      // An --only run is a quick look: fewer warm requests, so its p99 is less steady.
      String warmup = only == null ? "300" : "100";
      String iterations = only == null ? "1000" : "300";
      for (var variant : VARIANTS.entrySet()) {
        Map<String, Map<String, String>> byRequest = new LinkedHashMap<>();
        byRequest.put("GET /posts/{slug}", worker(postsEnv, variant.getValue(), "api", handlerClass(stack, "PostsApiFunction"), "GET_POST", warmup, iterations));
        byRequest.put("GET /blog/{slug} (page)", worker(postsEnv, variant.getValue(), "api", handlerClass(stack, "PostsApiFunction"), "GET_PAGE", warmup, iterations));
        byRequest.put("GET /posts", worker(postsEnv, variant.getValue(), "api", handlerClass(stack, "PostsApiFunction"), "LIST_POSTS", warmup, iterations));
        if (measures("consultations")) {
          // Fewer bookings, from an empty table: see BenchStack.recreate.
          stack.recreate("ConsultationsTable");
          byRequest.put("POST /consultations", worker(bookingEnv, variant.getValue(), "api", handlerClass(stack, "ConsultationsFunction"), "BOOKING", "50", "200"));
        }
        byRequest.put("bare", worker(postsEnv, variant.getValue(), "bare", warmup, iterations));
        results.warmLatency.put(variant.getKey(), byRequest);
      }

      progress("SnapStart priming: the read API's first request after init, unprimed and primed");
      for (int round = 1; round <= results.runs; round++) {
        for (String variant : List.of("unprimed", "primed")) {
          results.priming
              .computeIfAbsent(variant, v -> new ArrayList<>())
              .add(worker(postsEnv, VARIANTS.get("Lambda flags"), "restore", handlerClass(stack, "PostsApiFunction"),
                  "GET_POST", String.valueOf(variant.equals("primed"))));
        }
      }

      if (!measures("publisher")) {
        results.describe(java, stack.moto.endpoint().toString());
        return;
      }
      progress("Rendering and publishing, warm and in a fresh JVM");
      Map<String, String> publisherEnv = stack.environment("PublisherFunction");
      List<String> flags = VARIANTS.get("Lambda flags");
      String bucket = stack.bucket();
      String publisher = handlerClass(stack, "PublisherFunction");
      results.rendering.put("seed render", worker(publisherEnv, flags, "render", "seed", "300", "300"));
      results.rendering.put("1 MB render", worker(publisherEnv, flags, "render", "big", "3", "10"));
      results.rendering.put("seed publish", worker(publisherEnv, flags, "publish", publisher, "seed", bucket, stack.versions.get(BenchStack.SEED_KEY), "50", "100"));
      results.rendering.put("1 MB publish", worker(publisherEnv, flags, "publish", publisher, "big", bucket, stack.versions.get(BenchStack.BIG_KEY), "2", "5"));
      results.describe(java, stack.moto.endpoint().toString());
    }
  }

  /**
   * The functions to cold-start, each from its deployment zip: the four references, then ours, each
   * followed by its --before twin when there is one.
   */
  private List<Function> functions(BenchStack stack) throws IOException {
    Path reference = unpack(root.resolve("bench/reference/target/bench-reference.zip"), "reference");
    Path constant = work.resolve("tasks/constant");
    copyTree(reference, constant, p -> !p.startsWith(reference.resolve("lib")));

    Map<String, String> getItemEnv = new LinkedHashMap<>(stack.environment("PostsApiFunction"));
    var seedKey = PostMapper.postKey(BenchStack.SEED_SLUG);
    getItemEnv.put("BENCH_PK", seedKey.get(PostMapper.PK).s());
    getItemEnv.put("BENCH_SK", seedKey.get(PostMapper.SK).s());
    String pkg = "dev.contentfunctions.bench.reference.";
    Supplier<String> anyEvent = Events.supplier(Events.Kind.CONSTANT, null, null, null);
    List<Function> functions = new ArrayList<>(List.of(
        new Function("constant", constant, pkg + "ConstantHandler::handleRequest", Map.of(), anyEvent),
        new Function(Report.STREAM_CONSTANT, constant, pkg + "StreamConstantHandler::handleRequest", Map.of(), anyEvent),
        new Function(Report.FLOOR, reference, pkg + "GetItemHandler::handleRequest", getItemEnv, anyEvent),
        new Function(Report.STREAM_FLOOR, reference, pkg + "StreamGetItemHandler::handleRequest", getItemEnv, anyEvent)));

    String bucket = stack.bucket();
    Runnable emptyConsultations = () -> stack.recreate("ConsultationsTable");
    add(functions, stack, "GET /posts/{slug}", "posts-api", "PostsApiFunction", Events.Kind.GET_POST, () -> {});
    // The page's twin is the zip's own GET /posts/{slug}: a zip from before issue 12 has no pages.
    functions.add(new Function("GET /blog/{slug} (page)", unpacked(zip("posts-api")), handler(stack, "PostsApiFunction"),
        stack.environment("PostsApiFunction"), Events.supplier(Events.Kind.GET_PAGE, null, null, null)));
    add(functions, stack, "GET /posts", "posts-api", "PostsApiFunction", Events.Kind.LIST_POSTS, () -> {});
    add(functions, stack, "POST /consultations", "consultations", "ConsultationsFunction", Events.Kind.BOOKING,
        emptyConsultations);
    add(functions, stack, "GET /coach/consultations", "coach-api", "CoachApiFunction", Events.Kind.COACH_LIST,
        () -> {});
    add(functions, stack, "notifier (new request)", "consultation-notifier", "ConsultationNotifierFunction",
        Events.Kind.NEW_REQUEST, () -> {});
    Supplier<String> publish =
        Events.supplier(Events.Kind.PUBLISH, bucket, BenchStack.SEED_KEY, stack.versions.get(BenchStack.SEED_KEY));
    for (Path zip : zips("publisher")) {
      functions.add(new Function(label("publisher (seed post)", zip), unpacked(zip), handler(stack, "PublisherFunction"),
          stack.environment("PublisherFunction"), publish));
    }
    // --only matches a request's name or its package's (posts-api: the JSON routes and the page).
    functions.removeIf(function -> !function.name().startsWith("constant") && !function.name().contains("GetItem")
        && !measures(function.name()) && !measures(function.taskRoot().getFileName().toString()));
    return functions;
  }

  /**
   * The functions in the order of this round: each before twin right after its function in odd
   * rounds, right before it in even ones, so that neither always starts second.
   */
  private static List<Function> inTurn(List<Function> functions, int round) {
    List<Function> ordered = new ArrayList<>(functions);
    if (round % 2 == 0) {
      for (int i = 1; i < ordered.size(); i++) {
        if (ordered.get(i).name().equals(ordered.get(i - 1).name() + BEFORE)) {
          ordered.add(i - 1, ordered.remove(i));
        }
      }
    }
    return ordered;
  }

  /** One of our functions from this tree's zip, and from the --before one if there is one. */
  private void add(List<Function> functions, BenchStack stack, String name, String artifact, String logicalId,
      Events.Kind kind, Runnable setUp) throws IOException {
    for (Path zip : zips(artifact)) {
      Map<String, String> env = new LinkedHashMap<>(stack.environment(logicalId));
      if (!zip.startsWith(root) && "".equals(env.get("SITE_URL"))) {
        // Before issue 12 the site's address was required (the template's default was example.com).
        env.put("SITE_URL", "https://www.example.com");
      }
      functions.add(new Function(label(name, zip), unpacked(zip), handler(stack, logicalId),
          env, Events.supplier(kind, null, null, null), setUp));
    }
  }

  /** This tree's zip of the function, then the --before one if DIR has it. */
  private List<Path> zips(String artifact) {
    List<Path> zips = new ArrayList<>(List.of(zip(artifact)));
    if (before != null) {
      Path old = before.resolve(artifact + ".zip");
      if (Files.isRegularFile(old)) {
        zips.add(old);
      } else {
        progress("No " + old + ": " + artifact + " has no before figures");
      }
    }
    return zips;
  }

  private String label(String name, Path zip) {
    return zip.startsWith(root) ? name : name + BEFORE;
  }

  /** The zip unpacked once per run (several functions may share one package). */
  private Path unpacked(Path zip) throws IOException {
    String name = zip.getFileName().toString().replace(".zip", "") + (zip.startsWith(root) ? "" : "-before");
    Path dir = work.resolve("tasks").resolve(name);
    return unpackedZips.contains(dir) ? dir : unpack(zip, name);
  }

  private static String handler(BenchStack stack, String logicalId) {
    return stack.template.functions().stream()
        .filter(f -> f.logicalId().equals(logicalId))
        .map(FunctionDefinition::handler)
        .findFirst()
        .orElseThrow();
  }

  private static String handlerClass(BenchStack stack, String logicalId) {
    String handler = handler(stack, logicalId);
    return handler.substring(0, handler.indexOf("::"));
  }

  /** Runs {@link Worker} in a fresh JVM with the function's environment; its RESULT lines. */
  private Map<String, String> worker(Map<String, String> env, List<String> flags, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(flags);
    command.addAll(List.of("-Drepo.root=" + root, "-cp", System.getProperty("java.class.path"), Worker.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("Worker " + String.join(" ", args) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    output.lines()
        .filter(line -> line.startsWith("RESULT "))
        .forEach(line -> {
          String[] parts = line.split(" ", 3);
          values.put(parts[1], parts[2]);
        });
    String what = String.join(" ", args.length > 4 ? List.of(args).subList(0, 3) : List.of(args));
    progress("  " + what.replaceAll("\\S*\\.", "") + ": " + values);
    return values;
  }

  /** Each zip's size, and its jars by size, largest first. */
  private Map<String, Map<String, Long>> sizes() throws IOException {
    Map<String, Map<String, Long>> sizes = new LinkedHashMap<>();
    for (String name : List.of("posts-api", "consultations", "publisher", "consultation-notifier", "coach-api")) {
      for (Path zip : zips(name)) {
        sizes.put(label(name, zip), entries(zip));
      }
    }
    return sizes;
  }

  private static Map<String, Long> entries(Path zip) throws IOException {
    Map<String, Long> entries = new LinkedHashMap<>();
    entries.put("", Files.size(zip));
    try (ZipFile file = new ZipFile(zip.toFile())) {
      file.stream()
          .filter(e -> e.getName().startsWith("lib/") && e.getName().endsWith(".jar"))
          .sorted((a, b) -> Long.compare(b.getSize(), a.getSize()))
          .forEach(e -> entries.put(e.getName().substring(4), e.getSize()));
    }
    return entries;
  }

  private Path zip(String function) {
    return root.resolve("functions").resolve(function).resolve("target").resolve(function + ".zip");
  }

  private Path harnessTarget() {
    return root.resolve("bench/harness/target");
  }

  /** Unpacks a deployment zip afresh, as Lambda unpacks it into /var/task. */
  private Path unpack(Path zip, String name) throws IOException {
    Path dir = work.resolve("tasks").resolve(name);
    deleteTree(dir);
    unpackedZips.add(dir);
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (var entry : file.stream().toList()) {
        Path target = dir.resolve(entry.getName()).normalize();
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          try (var in = file.getInputStream(entry)) {
            Files.copy(in, target);
          }
        }
      }
    }
    return dir;
  }

  private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
    deleteTree(to);
    try (var paths = Files.walk(from)) {
      for (Path path : paths.filter(include).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  static void progress(String line) {
    System.err.println(line);
  }
}
