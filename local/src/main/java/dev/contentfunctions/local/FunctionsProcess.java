package dev.contentfunctions.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The JVM that runs {@link FunctionsMain}, on this JVM's classpath, with the functions' environment
 * and this JVM's console.
 */
final class FunctionsProcess implements AutoCloseable {
  /**
   * Kept from the launcher's environment: what any process needs. Nothing else, so that a
   * developer's own AWS_PROFILE, AWS_SESSION_TOKEN or AWS_ENDPOINT_URL_S3 can never point the
   * functions at real AWS, and the functions see the environment Lambda gives them.
   */
  private static final List<String> INHERITED = List.of("PATH", "LANG", "LC_ALL", "TMPDIR");

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Process process;

  private FunctionsProcess(Process process) {
    this.process = process;
  }

  static FunctionsProcess start(Map<String, String> environment, List<String> arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(FunctionsMain.class.getName());
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().keySet().retainAll(INHERITED);
    builder.environment().putAll(environment);
    return new FunctionsProcess(builder.start());
  }

  long pid() {
    return process.pid();
  }

  /** Returns once the functions' HTTP server accepts connections; throws if the JVM exits first. */
  void awaitServing(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "The functions' JVM exited with code "
                + process.exitValue()
                + " (its output is above)");
      }
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(
        "The functions' JVM did not serve port " + port + " within " + timeout.toSeconds() + " s");
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /**
   * Stops the JVM (SIGTERM, so its shutdown hooks run), and anything it started; forcibly if it
   * does not stop in time.
   */
  @Override
  public void close() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }
}
