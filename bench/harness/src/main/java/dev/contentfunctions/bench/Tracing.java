package dev.contentfunctions.bench;

import dev.contentfunctions.bench.ColdStarts.Function;
import dev.contentfunctions.bench.ColdStarts.Sample;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What X-Ray tracing costs a cold start (issue 14), as far as this machine can show it: {@code
 * bench/run --tracing}. Three variants of each function, interleaved round by round:
 *
 * <ul>
 *   <li>{@code off}: the Runtime API's trace header says not sampled (PassThrough with no sampled
 *       caller, the stack's Tracing=PassThrough);
 *   <li>{@code Active}: the header says sampled, as Lambda sends it with Tracing=Active. Inside
 *       the process nothing else changes (the AWS SDK forwards the header either way); Lambda
 *       records the function's segments itself, outside the JVM, which no local run can measure;
 *   <li>{@code Active + X-Ray SDK}: the same package plus the X-Ray SDK for Java and its AWS SDK
 *       v2 interceptor registered globally (what {@code aws-xray-recorder-sdk-aws-sdk-v2-instrumentor}
 *       does), so each SDK call becomes a subsegment sent by UDP to a local stand-in for the
 *       daemon, which counts them (proof that the instrumentation ran).
 * </ul>
 */
final class Tracing {
  static final String OFF = "off";
  static final String ACTIVE = "Active";
  static final String SDK = "Active + X-Ray SDK";

  /** Not random: a fixed id of the right shape (the repository's secret scan flags random ones). */
  private static final String SAMPLED =
      "Root=1-00000000-000000000000000000000001;Parent=0000000000000001;Sampled=1";

  private static final String NOT_SAMPLED = "Root=1-00000000-000000000000000000000000;Sampled=0";

  /** The functions measured: the stream floor, then one request of each function. */
  static final List<String> MEASURED =
      List.of(
          Report.STREAM_FLOOR,
          "GET /posts/{slug}",
          "POST /consultations",
          "notifier (new request)",
          "publisher (seed post)");

  /** Variant, then function, then its samples. */
  final Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();

  /** CPU ms of each cold start (ColdStarts.lastCpuMs), variant then function. */
  final Map<String, Map<String, List<Double>>> cpu = new LinkedHashMap<>();

  /** Datagrams the stand-in daemon received, per function (Active + X-Ray SDK only). */
  final Map<String, Integer> segments = new LinkedHashMap<>();

  /** Classes loaded by one cold start, per variant and function. */
  final Map<String, Map<String, Integer>> classes = new LinkedHashMap<>();

  /** Bytes the X-Ray SDK's jars add to a package. */
  long sdkBytes;

  int sdkJars;

  void run(
      List<Function> all, ColdStarts coldStarts, RuntimeApi api, Path tasks, Path xrayLib, int runs, int warm)
      throws IOException {
    List<Function> functions = new ArrayList<>();
    for (String name : MEASURED) {
      all.stream().filter(f -> f.name().equals(name)).findFirst().ifPresent(functions::add);
    }
    try (Daemon daemon = new Daemon()) {
      Map<String, Function> withSdk = new LinkedHashMap<>();
      for (Function function : functions) {
        withSdk.put(function.name(), withXraySdk(function, tasks, xrayLib, daemon.address()));
      }
      Bench.progress("Tracing: one discarded round, then " + runs + " rounds of each function and variant");
      for (Function function : functions) {
        start(coldStarts, api, OFF, function, warm);
        start(coldStarts, api, SDK, withSdk.get(function.name()), warm);
      }
      for (int round = 1; round <= runs; round++) {
        for (Function function : functions) {
          List<String> order = new ArrayList<>(List.of(OFF, ACTIVE, SDK));
          // Each variant starts first, second and third in turn.
          for (int i = 0; i < round % 3; i++) {
            order.add(order.remove(0));
          }
          for (String variant : order) {
            Function started = variant.equals(SDK) ? withSdk.get(function.name()) : function;
            int before = daemon.received.get();
            Sample sample = start(coldStarts, api, variant, started, warm);
            if (variant.equals(SDK)) {
              segments.merge(function.name(), daemon.received.get() - before, Integer::sum);
            }
            cpu.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                .computeIfAbsent(function.name(), f -> new ArrayList<>())
                .add(coldStarts.lastCpuMs);
            samples
                .computeIfAbsent(variant, v -> new LinkedHashMap<>())
                .computeIfAbsent(function.name(), f -> new ArrayList<>())
                .add(sample);
            Bench.progress(
                String.format(
                    Locale.ROOT,
                    "  %d/%d %-20s %-28s init %4.0f ms, first %4.0f ms, warm %5.1f ms, CPU %5.0f ms",
                    round,
                    runs,
                    variant,
                    function.name(),
                    sample.initMs(),
                    sample.firstMs(),
                    sample.warmMs(),
                    coldStarts.lastCpuMs));
          }
        }
      }
      Bench.progress("Tracing: classes loaded (-Xlog:class+load)");
      for (Function function : functions) {
        api.traceHeader(SAMPLED);
        classes
            .computeIfAbsent(ACTIVE, v -> new LinkedHashMap<>())
            .put(function.name(), total(coldStarts.classesLoaded(function, Bench.VARIANTS.get("Lambda flags"), warm)));
        classes
            .computeIfAbsent(SDK, v -> new LinkedHashMap<>())
            .put(
                function.name(),
                total(coldStarts.classesLoaded(withSdk.get(function.name()), Bench.VARIANTS.get("Lambda flags"), warm)));
      }
      api.traceHeader(NOT_SAMPLED);
    }
  }

  private static int total(Map<String, Integer> bySource) {
    return bySource.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static Sample start(ColdStarts coldStarts, RuntimeApi api, String variant, Function function, int warm) {
    api.traceHeader(variant.equals(OFF) ? NOT_SAMPLED : SAMPLED);
    return coldStarts.run(function, Bench.VARIANTS.get("Lambda flags"), warm);
  }

  /**
   * A copy of the function's package with the X-Ray SDK's jars in lib/ and its AWS SDK interceptor
   * registered for every client (software/amazon/awssdk/global/handlers/execution.interceptors),
   * sending to the stand-in daemon.
   */
  private Function withXraySdk(Function function, Path tasks, Path xrayLib, String daemon) throws IOException {
    Path root = tasks.resolve(function.taskRoot().getFileName() + "-xray");
    List<Path> jars;
    try (Stream<Path> files = Files.list(xrayLib)) {
      jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    }
    sdkJars = jars.size();
    sdkBytes = 0;
    for (Path jar : jars) {
      sdkBytes += Files.size(jar);
    }
    // Afresh each run, as the packages themselves are unpacked afresh.
    Bench.deleteTree(root);
    {
      copy(function.taskRoot(), root);
      for (Path jar : jars) {
        Files.copy(jar, root.resolve("lib").resolve(jar.getFileName()));
      }
      Path registration = root.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
      Files.createDirectories(registration.getParent());
      Files.writeString(registration, "com.amazonaws.xray.interceptors.TracingInterceptor\n");
    }
    Map<String, String> env = new LinkedHashMap<>(function.env());
    env.put("AWS_XRAY_DAEMON_ADDRESS", daemon);
    env.put("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR");
    return new Function(function.name(), root, function.handler(), env, function.events(), function.setUp());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** The X-Ray daemon's UDP port, as far as counting what the SDK sends to it. */
  private static final class Daemon implements AutoCloseable {
    private final DatagramSocket socket;
    final AtomicInteger received = new AtomicInteger();

    Daemon() throws SocketException {
      socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Thread reader =
          new Thread(
              () -> {
                byte[] buffer = new byte[65_536];
                while (!socket.isClosed()) {
                  try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    received.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "xray-daemon");
      reader.setDaemon(true);
      reader.start();
    }

    String address() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** The figures as a Markdown table: medians of init + first invocation, and what they add. */
  String markdown(int runs, int warm) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "Medians of %d cold starts per function and variant (interleaved), Lambda's flags, %d warm"
                + " invocations after each; X-Ray SDK: %d jars, %.1f MB more per package.%n%n",
            runs,
            warm,
            sdkJars,
            sdkBytes / 1e6));
    md.append(
        "| function | off: init + first | Active: init + first (Δ) | Active + X-Ray SDK: init + first (Δ) |"
            + " CPU ms off / Active / SDK | warm p50 off / Active / SDK | classes Active / SDK | segments sent (SDK) |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (String function : samples.getOrDefault(OFF, Map.of()).keySet()) {
      double off = coldMedian(OFF, function);
      double active = coldMedian(ACTIVE, function);
      double sdk = coldMedian(SDK, function);
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f (%+.0f) | %.0f (%+.0f) | %.0f / %.0f / %.0f | %.1f / %.1f / %.1f | %d / %d | %d |%n",
              function,
              off,
              active,
              active - off,
              sdk,
              sdk - off,
              Stats.of(cpu.get(OFF).get(function)).median(),
              Stats.of(cpu.get(ACTIVE).get(function)).median(),
              Stats.of(cpu.get(SDK).get(function)).median(),
              warmMedian(OFF, function),
              warmMedian(ACTIVE, function),
              warmMedian(SDK, function),
              classes.getOrDefault(ACTIVE, Map.of()).getOrDefault(function, 0),
              classes.getOrDefault(SDK, Map.of()).getOrDefault(function, 0),
              segments.getOrDefault(function, 0)));
    }
    return md.toString();
  }

  private double coldMedian(String variant, String function) {
    List<Double> values = new ArrayList<>();
    for (Sample sample : samples.get(variant).get(function)) {
      values.add(sample.initMs() + sample.firstMs());
    }
    return Stats.of(values).median();
  }

  private double warmMedian(String variant, String function) {
    List<Double> values = new ArrayList<>();
    for (Sample sample : samples.get(variant).get(function)) {
      values.add(sample.warmMs());
    }
    return Stats.of(values).median();
  }
}
