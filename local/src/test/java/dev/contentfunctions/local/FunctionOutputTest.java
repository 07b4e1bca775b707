package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class FunctionOutputTest {
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final PrintStream output =
      FunctionOutput.around(new PrintStream(console, true, StandardCharsets.UTF_8));

  @Test
  void aLineWrittenWhileAFunctionRunsIsShownReadableUnderItsName() {
    try (FunctionOutput.Running running = FunctionOutput.running("PublisherFunction")) {
      output.println(
          "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\",\"requestId\":\"r-1\","
              + "\"message\":\"post.published\",\"key\":\"posts/a.md\",\"slug\":\"a\"}");
    }
    output.println("a line of the run itself");

    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .satisfiesExactly(
            line ->
                assertThat(line)
                    .matches("\\d\\d:\\d\\d:\\d\\d  PublisherFunction  post.published key=posts/a.md slug=a"),
            line -> assertThat(line).isEqualTo("a line of the run itself"));
  }

  @Test
  void linesOfTwoFunctionsRunningAtOnceStayWholeAndKeepTheirNames() throws InterruptedException {
    CountDownLatch bothHalfway = new CountDownLatch(2);
    Thread first = writer("FirstFunction", "first", bothHalfway);
    Thread second = writer("SecondFunction", "second", bothHalfway);
    first.start();
    second.start();
    first.join();
    second.join();

    assertThat(console.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .anySatisfy(line -> assertThat(line).endsWith("  FirstFunction  first.line half=1 rest=2"))
        .anySatisfy(line -> assertThat(line).endsWith("  SecondFunction  second.line half=1 rest=2"));
  }

  /** Writes half a line, waits until the other thread has too, then writes the rest. */
  private Thread writer(String function, String event, CountDownLatch bothHalfway) {
    return new Thread(
        () -> {
          try (FunctionOutput.Running running = FunctionOutput.running(function)) {
            output.print("{\"message\":\"" + event + ".line\",\"half\":1,");
            bothHalfway.countDown();
            bothHalfway.await();
            output.print("\"rest\":2}\n");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
