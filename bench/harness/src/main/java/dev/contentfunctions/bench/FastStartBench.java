package dev.contentfunctions.bench;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Issue 17: the managed-runtime packaging against the fast-start packaging, side by side in one
 * run, for every function and the two floors (bench/fast-start builds both and calls this).
 *
 * <pre>FastStartBench [--runs N] [--warm W] [--out FILE]</pre>
 *
 * <p>Each cold start is a fresh JVM under the runtime interface client polling {@link RuntimeApi},
 * in the unpacked deployment zip (as Lambda's /var/task), against moto:
 *
 * <ul>
 *   <li>managed: this JDK 25 ({@code java.home}, with its default CDS archive, as Lambda's java25
 *       runtime has), the runtime interface client's jars on the class path, the function loaded
 *       from its working directory by the client, as the managed runtime does;
 *   <li>fast start: the function's layer's own {@code bootstrap}, exactly as provided.al2023 runs
 *       it: its jlinked JDK, jars only, its AOT cache.
 * </ul>
 *
 * Both get the same memory-aware flags (build/bootstrap's). Rounds alternate which variant starts
 * first; one discarded round first fills the page cache. Writes its section of docs/performance.md
 * (between the fast-start markers), leaving the rest of the file as bench/run wrote it.
 */
public final class FastStartBench {
  static final String BEGIN = "<!-- fast-start:begin -->";
  static final String END = "<!-- fast-start:end -->";
  /** What the issue measured for a typical AWS sample Java function here (databind + enhanced client). */
  static final double SAMPLE_LOW_MS = 1050;

  static final String MANAGED = "managed java25";
  static final String JARS = "jars only";
  static final String FAST = "fast start";
  /** Each round starts them in this order or its reverse. */
  static final List<String> VARIANTS = List.of(MANAGED, JARS, FAST);

  /** One row: a request to a function (or a floor), its packages and its events. */
  record Case(String name, String id, Path layer, Path task, Supplier<String> events, Runnable setUp, boolean http) {}

  /** One cold start. */
  record Sample(double initMs, double firstMs, List<Double> warmMs, long rssKb) {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    int warm = 20;
    Path out = RepoPaths.root().resolve("docs/performance.md");
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--warm" -> warm = Integer.parseInt(args[i + 1]);
        case "--out" -> out = Path.of(args[i + 1]).toAbsolutePath();
        default -> throw new IllegalArgumentException("Unknown option " + args[i]);
      }
    }
    Path root = RepoPaths.root();
    Path logs = root.resolve("bench/harness/target/fast-start");
    Files.createDirectories(logs);
    String ricClasspath = Files.readString(root.resolve("bench/harness/target/ric-classpath.txt")).trim();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, Map<String, List<Sample>>> results = new LinkedHashMap<>();
    List<Case> cases;
    try (BenchStack stack = new BenchStack();
        RuntimeApi api = new RuntimeApi()) {
      Bench.progress("Seeding moto (" + stack.moto.endpoint() + ")");
      FastStartTraining.seed(stack);
      cases = cases(root, stack);
      for (int round = 0; round <= runs; round++) {
        Bench.progress(round == 0 ? "Discarded round" : "Round " + round + "/" + runs);
        for (Case c : cases) {
          List<String> order = round % 2 == 1 ? VARIANTS : VARIANTS.reversed();
          for (String variant : order) {
            Sample sample = measure(stack, api, c, variant, java, ricClasspath, warm, logs);
            if (round > 0) {
              results.computeIfAbsent(c.name(), n -> new LinkedHashMap<>())
                  .computeIfAbsent(variant, v -> new ArrayList<>())
                  .add(sample);
            }
            Bench.progress(String.format("  %-12s %-32s init %4.0f ms, first %4.0f ms, warm p50 %5.1f ms, RSS %d MB",
                variant, c.name(), sample.initMs(), sample.firstMs(), Stats.of(sample.warmMs()).median(),
                sample.rssKb() / 1024));
          }
        }
      }
    }
    String section = section(root, cases, results, runs, warm, java);
    String existing = Files.exists(out) ? Files.readString(out) : "";
    int begin = existing.indexOf(BEGIN);
    int end = existing.indexOf(END);
    String updated = begin >= 0 && end > begin
        ? existing.substring(0, begin) + section + existing.substring(end + END.length())
        : existing + (existing.isEmpty() || existing.endsWith("\n\n") ? "" : "\n") + section + "\n";
    Files.writeString(out, updated, StandardCharsets.UTF_8);
    Bench.progress("Wrote " + out);
  }

  private static List<Case> cases(Path root, BenchStack stack) {
    Path reference = root.resolve("bench/reference/target/fast-start");
    Supplier<String> constant = Events.supplier(Events.Kind.CONSTANT, null, null, null);
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(Report.STREAM_CONSTANT, "bench:StreamConstantHandler",
        reference.resolve("StreamConstantHandler/layer"), reference.resolve("StreamConstantHandler/task"), constant, () -> {}, false));
    cases.add(new Case(Report.STREAM_FLOOR, "bench:StreamGetItemHandler",
        reference.resolve("StreamGetItemHandler/layer"), reference.resolve("StreamGetItemHandler/task"), constant, () -> {}, false));
    cases.add(function(root, "GET /posts/{slug}", "posts-api", "PostsApiFunction", Events.supplier(Events.Kind.GET_POST, null, null, null), () -> {}, true));
    cases.add(function(root, "GET /blog/{slug} (page)", "posts-api", "PostsApiFunction", Events.supplier(Events.Kind.GET_PAGE, null, null, null), () -> {}, true));
    cases.add(function(root, "GET /posts", "posts-api", "PostsApiFunction", Events.supplier(Events.Kind.LIST_POSTS, null, null, null), () -> {}, true));
    cases.add(function(root, "POST /consultations", "consultations", "ConsultationsFunction", Events.supplier(Events.Kind.BOOKING, null, null, null),
        () -> stack.recreate("ConsultationsTable"), true));
    cases.add(function(root, "GET /coach/consultations", "coach-api", "CoachApiFunction", Events.supplier(Events.Kind.COACH_LIST, null, null, null), () -> {}, true));
    cases.add(function(root, "notifier (new request)", "consultation-notifier", "ConsultationNotifierFunction",
        Events.supplier(Events.Kind.NEW_REQUEST, null, null, null), () -> {}, false));
    cases.add(function(root, "publisher (seed post)", "publisher", "PublisherFunction",
        Events.supplier(Events.Kind.PUBLISH, stack.bucket(), BenchStack.SEED_KEY, stack.versions.get(BenchStack.SEED_KEY)), () -> {}, false));
    for (Case c : cases) {
      if (!Files.isExecutable(c.layer().resolve("bootstrap"))) {
        throw new IllegalStateException("No fast-start package " + c.layer() + ": run build/fast-start --bench first");
      }
    }
    return cases;
  }

  private static Case function(Path root, String name, String artifact, String id, Supplier<String> events, Runnable setUp, boolean http) {
    Path dir = root.resolve("functions").resolve(artifact).resolve("target/fast-start").resolve(artifact);
    return new Case(name, id, dir.resolve("layer"), dir.resolve("task"), events, setUp, http);
  }

  /** The flags build/bootstrap gives a 1024 MB function, for the managed variant too. */
  static List<String> managedFlags(int memory) {
    return List.of("-XX:MaxHeapSize=" + memory * 85 / 100 + "m", "-XX:MaxMetaspaceSize=" + memory * 10 / 100 + "m",
        "-XX:+UseSerialGC", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-Djava.net.preferIPv4Stack=true", "-Dfile.encoding=UTF-8", "--enable-native-access=ALL-UNNAMED");
  }

  private static Sample measure(BenchStack stack, RuntimeApi api, Case c, String variant, String java,
      String ricClasspath, int warm, Path logs) throws Exception {
    Map<String, String> env = FastStartTraining.environment(stack, c.id(), c.task(), api);
    List<String> command = new ArrayList<>();
    if (variant.equals(MANAGED)) {
      env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
      command.add(java);
      command.addAll(managedFlags(FastStartTraining.memory(stack, c.id())));
      command.addAll(List.of("-cp", ricClasspath, ColdStarts.RUNTIME_MAIN, env.get("_HANDLER")));
    } else if (variant.equals(JARS)) {
      // The layer's class path (jars only) on this full JDK with its default CDS, no AOT cache.
      Path home = c.layer().resolve("fast-start");
      String classpath = String.join(":", Stream.of(Files.readString(home.resolve("classpath")).trim().split(":"))
          .map(entry -> home.resolve(entry).toString()).toList());
      command.add(java);
      command.addAll(managedFlags(FastStartTraining.memory(stack, c.id())));
      command.addAll(List.of("-cp", classpath, ColdStarts.RUNTIME_MAIN, env.get("_HANDLER")));
    } else {
      command.add(c.layer().resolve("bootstrap").toString());
    }
    Path log = logs.resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-") + "." + variant.replace(' ', '-') + ".log");
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(c.task().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env);
    c.setUp().run();
    int invocations = 1 + warm;
    RuntimeApi.Run run = api.serve(c.events(), invocations);
    long[] rss = {0};
    long start = System.nanoTime();
    Process process = builder.start();
    run.afterFirst = () -> rss[0] = rssKb(process.pid());
    try {
      FastStartTraining.awaitAnswers(run, process, 120);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(c.name() + " (" + variant + ") failed (log: " + log + "): " + e, e);
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
    List<String> responses;
    synchronized (run) {
      responses = List.copyOf(run.responses);
    }
    for (String response : responses) {
      if (response.contains("\"statusCode\":") && !response.matches("(?s).*\"statusCode\":\\s*2\\d\\d.*")
          || response.contains("\"batchItemFailures\":[{")) {
        throw new IllegalStateException(c.name() + " (" + variant + ") answered " + response + " (log: " + log + ")");
      }
    }
    List<Double> warmMs = new ArrayList<>();
    for (int i = 1; i < invocations; i++) {
      warmMs.add((run.answered[i] - run.sent[i]) / 1e6);
    }
    return new Sample((run.firstPoll - start) / 1e6, (run.answered[0] - run.sent[0]) / 1e6, warmMs, rss[0]);
  }

  /** VmRSS of a process, in kB (0 if it has gone). */
  static long rssKb(long pid) {
    try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      return lines.filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("\\D+", "")))
          .findFirst()
          .orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
    return Stats.of(samples.stream().map(s -> value.applyAsDouble(s)).toList()).median();
  }

  private static Stats warm(List<Sample> samples) {
    return Stats.of(samples.stream().flatMap(s -> s.warmMs().stream()).toList());
  }

  /** Sizes of a case's packages: the managed zip, and the layer zip with what it adds unzipped. */
  private static String sizes(Path root, Case c, String variant) throws IOException {
    Path work = c.layer().getParent();
    String name = work.getFileName().toString();
    Path target = work.getParent().getParent();
    Path managedZip = name.endsWith("Handler") ? target.resolve("bench-reference.zip") : target.resolve(name + ".zip");
    long task = bytes(c.task());
    if (variant.equals(JARS)) {
      return "(the layer's jars)";
    }
    if (variant.equals(MANAGED)) {
      return String.format("%.1f MB zip, %.0f MB unzipped", Files.size(managedZip) / 1e6, task / 1e6);
    }
    Path layerZip = target.resolve(name + "-fast-start.zip");
    return String.format("+ %.1f MB layer zip, %.0f MB unzipped with the function (cache %.0f MB)",
        Files.size(layerZip) / 1e6, (task + bytes(c.layer())) / 1e6, Files.size(c.layer().resolve("fast-start/app.aot")) / 1e6);
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static String section(Path root, List<Case> cases, Map<String, Map<String, List<Sample>>> results,
      int runs, int warm, String java) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("## Issue 17: Java 25, managed runtime vs fast start (AOT cache)\n\n");
    md.append("<!-- Generated by bench/fast-start (FastStartBench.java); edit that, not this section. -->\n\n");
    md.append(String.format("Measured by `bench/fast-start --runs %d --warm %d` on %s: %d cold starts per row and packaging, A/B interleaved"
        + " (the order alternates per round, after one discarded round), %d warm invocations after each. "
        + "JDK %s (`%s`), %d cores, moto as the local AWS; each cold start is a fresh JVM under the runtime interface client.%n%n",
        runs, warm, ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
        runs, warm, Runtime.version(), java, Runtime.getRuntime().availableProcessors()));
    md.append("- **managed java25**: this JDK with its default CDS archive, the runtime interface client on the class path and the"
        + " function loaded from its unpacked zip (the directory `/var/task`), as Lambda's `java25` runtime does.\n");
    md.append("- **fast start**: the function's layer from `build/fast-start`, started by its own `bootstrap` as `provided.al2023`"
        + " does: a jlinked JDK 25, jars only, and the AOT cache trained on the function's warm-up requests.\n");
    md.append("- **jars only**: this JDK (default CDS, no AOT cache) with the fast-start layer's class path of jars and the runtime"
        + " interface client's main class: what the class path alone buys, without the cache or jlink.\n");
    md.append("- All three: the bootstrap's memory-aware flags for the function's memory (heap 85 %, metaspace 10 %, serial GC, C1 only).\n");
    md.append("- init = JVM start to the first poll of the Runtime API (Lambda's Init Duration); first = the first invocation;"
        + " warm p50/p99 over all warm invocations of all cold starts; RSS = the JVM's resident memory right after the first response.\n\n");
    md.append("| request | packaging | init | first | init + first | warm p50 / p99 | RSS | package |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Case c : cases) {
      for (String variant : VARIANTS) {
        List<Sample> samples = results.get(c.name()).get(variant);
        Stats w = warm(samples);
        md.append(String.format("| %s | %s | %.0f | %.0f | **%.0f** | %.1f / %.1f | %.0f MB | %s |%n",
            variant.equals(MANAGED) ? c.name() : "", variant,
            median(samples, Sample::initMs), median(samples, Sample::firstMs),
            median(samples, s -> s.initMs() + s.firstMs()), w.median(), w.percentile(99),
            median(samples, s -> s.rssKb() / 1024.0), sizes(root, c, variant)));
      }
    }
    double floor = median(results.get(Report.STREAM_FLOOR).get(MANAGED), s -> s.initMs() + s.firstMs());
    md.append("\nTimes in ms, medians. Targets (issue 17), from the same run:\n\n");
    md.append("| target | measured | met? |\n|---|---|---|\n");
    for (Case c : cases) {
      if (!c.http()) {
        continue;
      }
      Map<String, List<Sample>> byVariant = results.get(c.name());
      double fast = median(byVariant.get(FAST), s -> s.initMs() + s.firstMs());
      md.append(String.format("| %s fast start init + first ≤ 0.5× the managed \"client + GetItem\" floor (%.0f ms) | %.0f ms: %.2f× | %s |%n",
          c.name(), floor, fast, fast / floor, fast <= 0.5 * floor ? "yes" : "**no**"));
      md.append(String.format("| %s fast start init + first ≤ 0.4× a typical AWS sample function (%.0f–1,400 ms, the issue's figure) | %.0f ms: %.2f× of %.0f | %s |%n",
          c.name(), SAMPLE_LOW_MS, fast, fast / SAMPLE_LOW_MS, SAMPLE_LOW_MS, fast <= 0.4 * SAMPLE_LOW_MS ? "yes" : "**no**"));
      double fastWarm = warm(byVariant.get(FAST)).median();
      double managedWarm = warm(byVariant.get(MANAGED)).median();
      md.append(String.format("| %s warm p50 no worse than managed | %.1f vs %.1f ms | %s |%n",
          c.name(), fastWarm, managedWarm, fastWarm <= managedWarm * 1.1 ? "yes" : "**no**"));
    }
    md.append("\nWhat each technique bought (init + first, medians of this run, ms): the jar-only class path is managed → jars only;"
        + " the jlinked JDK with the AOT cache is jars only → fast start.\n\n");
    md.append("| request | managed | jars only | fast start | class path saved | jlink + AOT cache saved |\n|---|---|---|---|---|---|\n");
    for (Case c : cases) {
      Map<String, List<Sample>> byVariant = results.get(c.name());
      double managed = median(byVariant.get(MANAGED), s -> s.initMs() + s.firstMs());
      double jars = median(byVariant.get(JARS), s -> s.initMs() + s.firstMs());
      double fast = median(byVariant.get(FAST), s -> s.initMs() + s.firstMs());
      md.append(String.format("| %s | %.0f | %.0f | %.0f | %.0f | %.0f |%n", c.name(), managed, jars, fast, managed - jars, jars - fast));
    }
    md.append("\n");
    md.append("- **Not measured here: what the larger package costs on Lambda.** A fast-start function brings its layer (47-62 MB zipped, 130-182 MB unzipped with the function) where the managed one brings 7-14 MB; Lambda fetches and unpacks it when it creates an execution environment, before init starts, and Init Duration does not show it. Here the packages are unpacked once and read from the page cache (the discarded round reads them from disk), so the table is the JVM's part only.\n");
    md.append("- **Noise.** Other sessions' builds and tests may share these cores (the load average is worth noting with each run); the rounds interleave the three packagings so that each row sees the same load, but a difference under ~15 % between two rows (the class path's gains and losses above, the warm p50 of the read API) is within the noise: rerun before trusting it.\n");
    md.append("- **The AOT cache is the JVM's, not Lambda's**: the classes of the JDK and of the function's jars, loaded and linked, with their heap objects (99 % of the classes a start loads come from it, see build/fast-start's output). The remaining init is the code that runs: the SDK client's construction and the handler's own, interpreted and then C1-compiled, which a cache of classes does not remove.\n");
    md.append("\nThe managed packaging runs here on x86_64; the template declares arm64 for it, which this machine cannot run"
        + " (no arm64 JDK or CPU here): see the README's \"Java 25 and fast start\" for what that means for the choice.\n");
    md.append(END);
    return md.toString();
  }
}
