package dev.contentfunctions.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.contentfunctions.local.LocalRun;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * load/run, short: 10 s at 10 requests a second against a fresh local run started as load/run
 * starts it, publishing a copy of content/. Every request must get the answer it expects; how fast
 * is measured by load/run (docs/load.md), never asserted here.
 */
class LoadRunIT {
  private static final int RATE = 10;
  private static final Duration DURATION = Duration.ofSeconds(10);

  @TempDir Path temp;

  @Test
  void everyRequestSentAtAFixedRateGetsTheAnswerItExpects() throws Exception {
    // The run only reads the folder it mirrors.
    Path content = RepoPaths.root().resolve("content");
    Path report = temp.resolve("load.md");
    Path output = temp.resolve("load-output.txt");

    LoadOptions options = new LoadOptions(RATE, DURATION, report, content);
    LoadResult result;
    try (PrintStream out =
            new PrintStream(Files.newOutputStream(output), true, StandardCharsets.UTF_8);
        LocalRun localRun = new LocalRun()) {
      result = LoadRun.run(options, localRun, out);
    }

    String console = Files.readString(output);
    assertThat(result.errors()).as(console).isEmpty();
    assertThat(result.sent()).isEqualTo(options.requests()).isEqualTo(100);
    assertThat(result.answered()).as("every request sent got an answer").isEqualTo(result.sent());
    assertThat(result.routes())
        .containsKeys(
            Stream.of(VisitorMix.Route.values()).map(route -> route.label).toArray(String[]::new));
    assertThat(result.routes().get(VisitorMix.BOOKING).statuses)
        .as("one booking per 100 requests, recorded")
        .containsExactly(entry(201, 1));
    assertThat(Files.readString(report)).contains("| **all** | 100 |").contains("No errors");
  }
}
