package dev.contentfunctions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts functions as Lambda does: a fresh JVM running the runtime interface client's main class
 * with the handler's name, in the unpacked deployment package (the client loads the package's
 * classes and lib/*.jar from its working directory, as from /var/task), polling {@link RuntimeApi}.
 */
final class ColdStarts {
  static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SOURCE = Pattern.compile(" source: (.*)$");

  /**
   * A function as the benchmark starts it: its package, handler, environment and events, and what
   * to do before each start (nothing, or empty its table).
   */
  record Function(
      String name, Path taskRoot, String handler, Map<String, String> env, Supplier<String> events, Runnable setUp) {
    Function(String name, Path taskRoot, String handler, Map<String, String> env, Supplier<String> events) {
      this(name, taskRoot, handler, env, events, () -> {});
    }

    String fileName() {
      return name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
    }
  }

  /** One cold start: init (JVM start to first poll), first invocation, median warm invocation. */
  record Sample(double initMs, double firstMs, double warmMs) {}

  /**
   * CPU time (user + system) of the last started JVM when the benchmark stopped it, in ms: with no
   * warm invocations, what its init and first invocation cost in CPU, which other work on the
   * machine disturbs less than it disturbs wall-clock times.
   */
  volatile double lastCpuMs = Double.NaN;

  private final RuntimeApi api;
  private final String java;
  private final String runtimeClasspath;
  private final Path logs;

  ColdStarts(RuntimeApi api, String java, String runtimeClasspath, Path logs) {
    this.api = api;
    this.java = java;
    this.runtimeClasspath = runtimeClasspath;
    this.logs = logs;
  }

  Sample run(Function function, List<String> jvmFlags, int warmInvocations) {
    return retried(() -> measure(function, jvmFlags, warmInvocations, logs.resolve(function.fileName() + ".log")));
  }

  /**
   * Once more after an answer of 503: moto stalls a transaction past the booking client's timeout
   * now and then on a loaded machine (a transient failure the function reports correctly), and one
   * such answer should not end a run of many minutes. Any other failure ends it.
   */
  private static <T> T retried(Supplier<T> start) {
    try {
      return start.get();
    } catch (Unavailable e) {
      Bench.progress("  " + e.getMessage() + "; starting it once more");
      return start.get();
    }
  }

  /** A 503 answer. */
  private static final class Unavailable extends IllegalStateException {
    Unavailable(String message) {
      super(message);
    }
  }

  /**
   * Classes the JVM loaded over one cold start and its warm invocations, by where they came from:
   * "JDK" (the CDS archive or the runtime image), a jar, "root" (the package's own classes) or
   * "generated" (lambdas, proxies, reflection accessors).
   */
  Map<String, Integer> classesLoaded(Function function, List<String> jvmFlags, int warmInvocations) {
    Path classLog = logs.resolve(function.fileName() + ".classes.log");
    List<String> flags = new ArrayList<>(jvmFlags);
    flags.add("-Xlog:class+load=info:file=" + classLog);
    retried(() -> measure(function, flags, warmInvocations, logs.resolve(function.fileName() + ".log")));
    Map<String, Integer> bySource = new TreeMap<>();
    try (var lines = Files.lines(classLog)) {
      lines.forEach(
          line -> {
            Matcher m = SOURCE.matcher(line);
            if (m.find()) {
              String source = m.group(1);
              String group;
              if (source.startsWith("shared objects file") || source.startsWith("jrt:")) {
                group = "JDK";
              } else if (source.startsWith("file:")) {
                group = source.endsWith(".jar") ? Path.of(source.substring(5)).getFileName().toString() : "root";
              } else {
                group = "generated"; // lambdas, proxies, reflection accessors
              }
              bySource.merge(group, 1, Integer::sum);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bySource;
  }

  private Sample measure(Function function, List<String> jvmFlags, int warmInvocations, Path log) {
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", runtimeClasspath, RUNTIME_MAIN, function.handler()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(function.taskRoot().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", System.getenv("PATH"));
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.put("AWS_LAMBDA_RUNTIME_API", api.address());
    env.put("_HANDLER", function.handler());
    env.put("LAMBDA_TASK_ROOT", function.taskRoot().toString());
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
    // The template's LoggingConfig: JSON logs at INFO.
    env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
    env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
    env.putAll(function.env());

    function.setUp().run();
    int invocations = 1 + warmInvocations;
    RuntimeApi.Run run = api.serve(function.events(), invocations);
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      run.finished.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(function.name() + " failed (log: " + log + "): " + e.getCause().getMessage());
    } catch (TimeoutException | InterruptedException e) {
      throw new IllegalStateException(function.name() + " did not finish in time (log: " + log + ")", e);
    } finally {
      lastCpuMs =
          process.info().totalCpuDuration().map(cpu -> cpu.toNanos() / 1e6).orElse(Double.NaN);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    checkAnswers(function, run.responses);
    List<Double> warm = new ArrayList<>();
    for (int i = 1; i < invocations; i++) {
      warm.add((run.answered[i] - run.sent[i]) / 1e6);
    }
    return new Sample(
        (run.firstPoll - start) / 1e6,
        (run.answered[0] - run.sent[0]) / 1e6,
        warm.isEmpty() ? Double.NaN : Stats.of(warm).median());
  }

  /**
   * Every answer must be a success (an HTTP function's 2xx, a stream function's batch without
   * failures): a benchmark of error pages or retried batches would mislead.
   */
  private static void checkAnswers(Function function, List<String> responses) {
    for (String response : responses) {
      try {
        var answer = JSON.readTree(response);
        var status = answer.path("statusCode");
        boolean failed = !status.isMissingNode() && (status.asInt() < 200 || status.asInt() > 299);
        if (status.asInt() == 503) {
          throw new Unavailable(function.name() + " answered 503");
        }
        if (failed || !answer.path("batchItemFailures").isEmpty()) {
          throw new IllegalStateException(function.name() + " answered " + response);
        }
      } catch (IOException e) {
        throw new IllegalStateException(function.name() + " answered something not JSON: " + response);
      }
    }
  }
}
