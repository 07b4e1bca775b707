package dev.contentfunctions.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How busy the machine's processors were between start and {@link #stop}, and how much of that was
 * this JVM and the processes it started (moto, the functions' JVM): the rest was other work sharing
 * the machine, which slows the local run down and belongs next to any figure measured.
 */
final class CpuMeter {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /**
   * Shares of all the machine's processors over the interval, from 0 to 1 (negative if the system
   * does not say).
   *
   * @param machine everything that ran
   * @param localRun this JVM and its descendants
   */
  record Reading(double machine, double localRun) {}

  private final long startedAt;
  private final long cpuNanosAtStart;

  CpuMeter() {
    OS.getCpuLoad(); // the next call reports the load since this one
    startedAt = System.nanoTime();
    cpuNanosAtStart = localRunCpuNanos();
  }

  Reading stop() {
    double machine = OS.getCpuLoad();
    double capacity =
        (double) (System.nanoTime() - startedAt) * Runtime.getRuntime().availableProcessors();
    return new Reading(machine, (localRunCpuNanos() - cpuNanosAtStart) / capacity);
  }

  private static long localRunCpuNanos() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .map(process -> process.info().totalCpuDuration())
        .flatMap(Optional::stream)
        .mapToLong(Duration::toNanos)
        .sum();
  }
}
