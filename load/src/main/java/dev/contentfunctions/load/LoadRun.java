package dev.contentfunctions.load;

import dev.contentfunctions.local.Console;
import dev.contentfunctions.local.LocalRun;
import dev.contentfunctions.local.LocalRunOptions;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code load/run}: a bounded load against the local API. Starts the local run in this JVM, as
 * local/run does but on free ports, waits until the content folder is published, then sends the
 * {@link VisitorMix} at a fixed rate for a fixed time ({@link OpenLoop}) and reports latency
 * percentiles per route and every error ({@link LoadReport}). Exits 1 if any request failed, got a
 * 5xx or an answer other than the one it expects.
 */
public final class LoadRun {
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PUBLISH_POLL = Duration.ofMillis(200);

  /** Fixed, so that every run asks for the same things in the same order. */
  private static final long SEED = 7;

  private LoadRun() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.print(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      // load/run starts this JVM in load/ and passes the directory it was called from.
      Path callerDir = Path.of(System.getProperty("local.run.caller.dir", "")).toAbsolutePath();
      options = LoadOptions.parse(args, callerDir, RepoPaths.root());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(LoadOptions.USAGE);
      System.exit(2);
      return;
    }

    LocalRun localRun = new LocalRun();
    Runtime.getRuntime().addShutdownHook(new Thread(localRun::close, "local-load-shutdown"));
    int exitCode;
    try {
      exitCode = run(options, localRun, System.out).errorCount() == 0 ? 0 : 1;
    } catch (RuntimeException | IOException e) {
      System.err.println(
          "load/run cannot run: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      exitCode = 1;
    }
    System.exit(exitCode); // the shutdown hook stops the local run
  }

  /**
   * Starts {@code localRun}, loads it, prints the report to {@code out} and writes it to the
   * options' file. The caller closes {@code localRun}.
   */
  static LoadResult run(LoadOptions options, LocalRun localRun, PrintStream out)
      throws IOException, InterruptedException {
    LocalRunOptions runOptions =
        new LocalRunOptions(
            0, 0, true, true, options.contentDir(), RepoPaths.root().resolve("web"), Map.of());
    LocalRun.Running running = localRun.start(runOptions, out);
    awaitPublished(running);

    HttpClient http = OpenLoop.client();
    SiteContent site = SiteContent.discover(http, running.apiUrl());
    VisitorMix mix = new VisitorMix(site, running.apiUrl(), options.requests(), SEED);
    out.println(
        Console.line(
            "load",
            String.format(
                "%d posts published; sending %d requests/s for %d s to %s (%d requests, %d of"
                    + " them bookings)",
                site.slugs().size(),
                options.rate(),
                options.duration().toSeconds(),
                running.apiUrl(),
                options.requests(),
                mix.bookings())));

    CpuMeter cpu = new CpuMeter();
    Instant startedAt = Instant.now();
    LoadResult result =
        new OpenLoop(http, options.rate(), out).run(mix::request, options.requests());
    CpuMeter.Reading cpuReading = cpu.stop();
    String report =
        new LoadReport(
                options,
                startedAt,
                Runtime.getRuntime().availableProcessors(),
                cpuReading,
                site.slugs().size(),
                mix.bookings(),
                result)
            .markdown();
    out.println();
    out.print(report);
    if (options.out() != null) {
      Files.writeString(options.out(), report, StandardCharsets.UTF_8);
      out.println("\nWritten to " + options.out());
    }
    out.flush();
    return result;
  }

  /**
   * Waits until the publisher has reported on every post of the bucket (reports/posts/a.md.json for
   * posts/a.md): the content mirror has uploaded the whole folder by the time the run has started,
   * and the publisher writes its report after the post, whatever became of it.
   */
  private static void awaitPublished(LocalRun.Running running) throws InterruptedException {
    long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
    while (true) {
      Set<String> missing =
          keys(running, "posts/").stream()
              .filter(key -> key.endsWith(".md")) // the publisher's S3 event filter
              .map(key -> "reports/" + key + ".json")
              .collect(Collectors.toCollection(TreeSet::new));
      missing.removeAll(keys(running, "reports/posts/"));
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The publisher did not report on every post within "
                + PUBLISH_TIMEOUT.toSeconds()
                + " s; missing: "
                + missing);
      }
      Thread.sleep(PUBLISH_POLL.toMillis());
    }
  }

  private static Set<String> keys(LocalRun.Running running, String prefix) {
    return running
        .s3()
        .listObjectsV2Paginator(r -> r.bucket(running.contentBucket()).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .collect(Collectors.toSet());
  }
}
