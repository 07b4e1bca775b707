package dev.contentfunctions.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The template parameters of the local run: local/parameters.properties (checked in, the values a
 * stack on this machine needs: the website's address, a preview token), then the {@code --parameter
 * Name=Value} arguments, which win. {@code ${LocalUrl}} in a value is the run's own address, known
 * only once its API port is.
 */
final class LocalParameters {
  static final String LOCAL_URL = "${LocalUrl}";

  private LocalParameters() {}

  /** The checked-in file, next to local/run. */
  static Path file(Path repoRoot) {
    return repoRoot.resolve("local").resolve("parameters.properties");
  }

  /**
   * @param file need not exist (the run then has the arguments' and the template's values only)
   * @param arguments from {@code --parameter}
   * @param localUrl {@code http://127.0.0.1:<API port>}
   */
  static Map<String, String> resolve(Path file, Map<String, String> arguments, String localUrl)
      throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    if (Files.isRegularFile(file)) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      }
      // Sorted: Properties has no order, and the banner lists them.
      new TreeMap<>(properties).forEach((name, value) -> values.put((String) name, (String) value));
    }
    values.putAll(arguments);
    values.replaceAll((name, value) -> value.replace(LOCAL_URL, localUrl));
    return values;
  }
}
