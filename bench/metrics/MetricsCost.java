import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the EMF writer adds to a cold start: in a fresh JVM, after the function's first log line
 * (which has loaded jackson-core's generator, as every function's init does), the time and classes
 * of building the function's Metrics and writing the first invocation's line; then a warm line.
 * Prints: log-first-ms metrics-first-ms metrics-warm-us classes-log classes-metrics
 */
public final class MetricsCost {
  public static void main(String[] args) {
    List<String> out = new ArrayList<>();
    var classes = ManagementFactory.getClassLoadingMXBean();
    long c0 = classes.getTotalLoadedClassCount();
    long t0 = System.nanoTime();
    Log.to(out::add, Log.Level.INFO, Clock.systemUTC()).info("request.done", "method", "GET", "status", 200);
    long t1 = System.nanoTime();
    long c1 = classes.getTotalLoadedClassCount();
    Metrics metrics = Metrics.to(out::add, "ContentFunctions/stack", "PostsApi", Clock.systemUTC());
    invocation(metrics);
    long t2 = System.nanoTime();
    long c2 = classes.getTotalLoadedClassCount();
    invocation(metrics);
    long t3 = System.nanoTime();
    System.out.printf(
        java.util.Locale.ROOT, "%.2f %.2f %.1f %d %d%n",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e3, c1 - c0, c2 - c1);
  }

  private static void invocation(Metrics metrics) {
    metrics.start()
        .count(Metric.ANSWERS, "ANY /posts/{slug}", "2xx")
        .milliseconds(Metric.LATENCY, 12.84, "ANY /posts/{slug}")
        .flush();
  }
}
