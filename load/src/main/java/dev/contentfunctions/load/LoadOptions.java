package dev.contentfunctions.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What load/run takes from its arguments.
 *
 * @param rate requests a second, each sent when due whatever happened to the others
 * @param duration how long requests are sent for
 * @param out where the report (a Markdown section) is written as well as printed; null for nowhere
 * @param contentDir the posts published before the load starts, mirrored as local/run mirrors them
 */
record LoadOptions(int rate, Duration duration, Path out, Path contentDir) {
  /**
   * Below what the local run serves of the mix on 2 cores (about 25 to 50 requests a second: moto
   * applies one request at a time, and each function is one instance), so that the figures show
   * latency rather than a queue that grows for as long as the load lasts. --rate finds the knee.
   */
  static final int DEFAULT_RATE = 20;

  static final int DEFAULT_DURATION_SECONDS = 60;

  /** Bounds that keep a mistyped number from running for days or overflowing the request count. */
  private static final int MAX_RATE = 10_000;

  private static final int MAX_DURATION_SECONDS = 24 * 3600;

  static final String USAGE =
      """
      Usage: load/run [--rate N] [--duration S] [--out FILE] [--content DIR]

        --rate N       requests a second (default 20)
        --duration S   seconds of load (default 60)
        --out FILE     also write the report, a Markdown section, to FILE
        --content DIR  the posts to publish before the load (default content/)

      Starts a fresh local run on free ports of 127.0.0.1, waits until the posts are
      published, then sends the requests at fixed intervals (open loop). Exits 1 if any
      request failed, got a 5xx or an answer other than the one it expects.
      """;

  /** The number of requests the run sends. */
  int requests() {
    return Math.toIntExact(rate * duration.toSeconds());
  }

  /**
   * @param workingDir relative paths are resolved against it (the caller's directory: load/run
   *     runs Java from local/, as local/run does)
   * @param repoRoot where the default content/ is
   */
  static LoadOptions parse(String[] args, Path workingDir, Path repoRoot) {
    int rate = DEFAULT_RATE;
    int duration = DEFAULT_DURATION_SECONDS;
    Path out = null;
    Path content = repoRoot.resolve("content");
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String value = args[i + 1];
      switch (name) {
        case "--rate" -> rate = number(name, value, MAX_RATE);
        case "--duration" -> duration = number(name, value, MAX_DURATION_SECONDS);
        case "--out" -> out = workingDir.resolve(value).toAbsolutePath().normalize();
        case "--content" -> content = workingDir.resolve(value);
        default -> throw new IllegalArgumentException("Unknown option " + name);
      }
    }
    return new LoadOptions(
        rate, Duration.ofSeconds(duration), out, content.toAbsolutePath().normalize());
  }

  private static int number(String name, String value, int max) {
    try {
      int number = Integer.parseInt(value.trim());
      if (number >= 1 && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + " takes a whole number from 1 to " + max + ", not " + value);
  }
}
