package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code local/run &} in a script: a background job of a non-interactive shell, which starts with
 * SIGINT ignored. SIGINT stops it as promptly as SIGTERM, with moto and the functions' JVM.
 */
class BackgroundRunIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path temp;
  private LocalRunProcess run;

  @AfterEach
  void killWhateverIsLeft() {
    if (run != null) {
      run.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"INT", "TERM"})
  void aBackgroundRunStopsOnTheSignalWithoutOrphans(String signal) throws Exception {
    Path content = Files.createDirectories(temp.resolve("content/posts")).getParent();
    Path web = Files.createDirectories(temp.resolve("web"));
    run = LocalRunProcess.startAsBackgroundJob(content, web, temp.resolve("local-run.log"));
    run.awaitWhileRunning(
        "the run is ready", START_TIMEOUT, () -> run.output().contains("is running locally"));
    List<ProcessHandle> started = run.process().descendants().toList();
    assertThat(started).as("the job, moto and the functions' JVM").hasSizeGreaterThanOrEqualTo(3);

    assertThat(run.signal(signal, STOP_TIMEOUT))
        .as("stopped within %d s by SIG%s:%n%s", STOP_TIMEOUT.toSeconds(), signal, run.output())
        .isTrue();
    run.await(
        "moto and the functions' JVM are gone",
        Duration.ofSeconds(5),
        () -> started.stream().noneMatch(ProcessHandle::isAlive));
  }
}
