package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The npm packages the browser tests use (axe-core, the Nu Html Checker's vnu.jar), at the versions
 * of local/package-lock.json: installed with {@code npm ci} when one is missing, so that {@code mvn
 * verify} alone sets them up. Without npm or the registry the tests that need them fail; they never
 * skip.
 */
final class NodeModules {
  private static final Path LOCAL = RepoPaths.root().resolve("local");

  private NodeModules() {}

  /** The file {@code relative} of local/node_modules, installed first if it is missing. */
  static synchronized Path require(String relative) throws Exception {
    Path file = LOCAL.resolve("node_modules").resolve(relative);
    if (!Files.isRegularFile(file)) {
      Process npm =
          new ProcessBuilder("npm", "ci", "--prefix", LOCAL.toString(), "--no-audit", "--no-fund", "--ignore-scripts",
                  "--loglevel=error")
              .redirectErrorStream(true)
              .start();
      String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(npm.waitFor()).as("npm ci --prefix local:%n%s", output).isZero();
    }
    assertThat(file).as("%s from local/package-lock.json", relative).isRegularFile();
    return file;
  }
}
