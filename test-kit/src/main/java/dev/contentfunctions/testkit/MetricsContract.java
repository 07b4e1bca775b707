package dev.contentfunctions.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics table of docs/metrics.md, the contract between the functions' EMF lines and the
 * template's alarms and dashboard: what a test compares the emitted metrics, or the dashboard's, with.
 */
public final class MetricsContract {
  /** One row: a metric's name, unit, dimension set ({@code Function} first) and the functions that emit it. */
  public record Row(String name, String unit, List<String> dimensions, String emittedBy) {}

  private MetricsContract() {}

  /** docs/metrics.md of the repository this test runs in (found from the working directory up). */
  public static Path document() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path doc = dir.resolve("docs").resolve("metrics.md");
      if (Files.isRegularFile(doc) && Files.isRegularFile(dir.resolve("template.yaml"))) {
        return doc;
      }
    }
    throw new IllegalStateException("docs/metrics.md not found above " + Path.of("").toAbsolutePath());
  }

  /** The rows of the table, by name, in the document's order. */
  public static Map<String, Row> rows() {
    return rows(document());
  }

  public static Map<String, Row> rows(Path document) {
    List<String> lines;
    try {
      lines = Files.readAllLines(document, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Row> rows = new LinkedHashMap<>();
    for (String line : lines) {
      // | `Name` | Unit | Dim, Dim | emitted by | meaning |
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|", -1);
      if (cells.length < 6) {
        throw new IllegalStateException("a metrics row of fewer than 5 cells: " + line);
      }
      String name = cells[1].strip().replace("`", "");
      List<String> dimensions = new ArrayList<>(Arrays.stream(cells[3].split(",")).map(String::strip).toList());
      if (rows.put(name, new Row(name, cells[2].strip(), List.copyOf(dimensions), cells[4].strip())) != null) {
        throw new IllegalStateException("metric " + name + " twice in " + document);
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no metrics table in " + document);
    }
    return rows;
  }
}
