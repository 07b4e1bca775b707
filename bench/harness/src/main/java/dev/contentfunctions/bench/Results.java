package dev.contentfunctions.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, for {@link Report}. */
final class Results {
  final int runs;
  final int warm;
  /** Where the --before zips came from, or null: then there are no before figures. */
  final Path before;
  /** variant -> function (from a before zip: its name + Bench.BEFORE) -> one sample per cold start. */
  final Map<String, Map<String, List<ColdStarts.Sample>>> coldStarts = new LinkedHashMap<>();
  /** function -> class source (JDK, a jar, classes) -> classes loaded. */
  final Map<String, Map<String, Integer>> classes = new LinkedHashMap<>();
  /** variant -> request (or "bare") -> Worker's results. */
  final Map<String, Map<String, Map<String, String>>> warmLatency = new LinkedHashMap<>();
  /** "seed render", "1 MB publish", ... -> Worker's results. */
  final Map<String, Map<String, String>> rendering = new LinkedHashMap<>();
  /** "unprimed" / "primed" -> Worker's restore results, one per fresh JVM. */
  final Map<String, List<Map<String, String>>> priming = new LinkedHashMap<>();
  /** function (its before zip: with Bench.BEFORE) -> "" (the zip) and each jar -> bytes. */
  final Map<String, Map<String, Long>> sizes = new LinkedHashMap<>();
  String machine;
  String jdk;
  String moto;
  String date;

  Results(int runs, int warm, Path before) {
    this.runs = runs;
    this.warm = warm;
    this.before = before;
  }

  void describe(String java, String motoEndpoint) {
    date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    jdk = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " (" + java + ")";
    machine = Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    moto = "moto " + command("python3", "-c", "import moto; print(moto.__version__)") + " at " + motoEndpoint
        + " (serialized: one request at a time)";
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String command(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
