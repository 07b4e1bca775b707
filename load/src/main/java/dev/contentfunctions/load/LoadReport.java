package dev.contentfunctions.load;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A load run as a Markdown section: what ran where, then latency percentiles per route and overall,
 * then the errors by kind.
 *
 * @param startedAt when the first request was due
 * @param cores the processors this machine has, which the local run's processes share
 * @param cpu how busy they were during the load, and with what
 * @param posts the published posts the load read
 */
record LoadReport(
    LoadOptions options,
    Instant startedAt,
    int cores,
    CpuMeter.Reading cpu,
    int posts,
    int bookings,
    LoadResult result) {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("## Load run: ")
        .append(options.rate())
        .append(" requests/s for ")
        .append(options.duration().toSeconds())
        .append(" s\n\n");
    md.append("- date: ").append(DATE.format(startedAt)).append('\n');
    md.append("- machine: ")
        .append(cores)
        .append(" cores, ")
        .append(System.getProperty("os.name"))
        .append(", Java ")
        .append(System.getProperty("java.version"))
        .append("; ")
        .append(cpuUse())
        .append('\n');
    md.append("- command: `load/run --rate ")
        .append(options.rate())
        .append(" --duration ")
        .append(options.duration().toSeconds())
        .append("`: a fresh local run (moto, the functions' JVM, the API on 127.0.0.1), ")
        .append(posts)
        .append(" published posts\n");
    md.append("- requests: ")
        .append(result.sent())
        .append(" sent at fixed intervals (open loop), ")
        .append(result.answered())
        .append(" answered, at most ")
        .append(result.maxInFlight())
        .append(" in flight at once; ")
        .append(bookings)
        .append(" of them bookings, each a different visitor expecting 201 (the API accepts ")
        .append(VisitorMix.MAX_BOOKINGS)
        .append(" an hour from one address, and all of these come from 127.0.0.1)\n");
    md.append("- errors: ").append(result.errorCount()).append("\n\n");

    md.append("Latency in ms, from when a request was due to the last byte of its answer")
        .append(" (time spent queueing counts):\n\n");
    md.append("| route | requests | statuses | p50 | p90 | p99 | max |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|\n");
    LatencySamples all = new LatencySamples();
    for (Map.Entry<String, LoadResult.RouteAnswers> route : result.routes().entrySet()) {
      LoadResult.RouteAnswers answers = route.getValue();
      all.addAll(answers.latencies);
      row(md, "`" + route.getKey() + "`", answers.latencies, statuses(answers.statuses));
    }
    if (all.count() > 0) {
      row(md, "**all**", all, "");
    }

    if (result.errorCount() == 0) {
      md.append("\nNo errors: every request got the answer it expects.\n");
    } else {
      md.append("\n| error | route | what | count |\n|---|---|---|---:|\n");
      result
          .errors()
          .forEach(
              (error, count) ->
                  md.append("| ")
                      .append(error.kind().label)
                      .append(" | `")
                      .append(error.route())
                      .append("` | ")
                      .append(error.detail().replace("|", "\\|"))
                      .append(" | ")
                      .append(count)
                      .append(" |\n"));
    }
    return md.toString();
  }

  private static void row(
      StringBuilder md, String route, LatencySamples latencies, String statuses) {
    md.append("| ")
        .append(route)
        .append(" | ")
        .append(latencies.count())
        .append(" | ")
        .append(statuses)
        .append(" | ")
        .append(millis(latencies.percentile(50)))
        .append(" | ")
        .append(millis(latencies.percentile(90)))
        .append(" | ")
        .append(millis(latencies.percentile(99)))
        .append(" | ")
        .append(millis(latencies.percentile(100)))
        .append(" |\n");
  }

  /** {@code 200 ×1204, 304 ×3}. */
  private static String statuses(Map<Integer, Integer> statuses) {
    return statuses.entrySet().stream()
        .map(status -> status.getKey() + " ×" + status.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
  }

  private String cpuUse() {
    if (cpu.machine() < 0) {
      return "the system does not say how busy its processors were";
    }
    return "during the load its processors were "
        + percent(cpu.machine())
        + " busy: "
        + percent(cpu.localRun())
        + " the local run and the load (moto, the functions' JVM, the load's JVM), "
        + percent(Math.max(0, cpu.machine() - cpu.localRun()))
        + " other work";
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", share * 100);
  }
}
