package dev.contentfunctions.local;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository's content/ copied into a test's own folder, so that the test may change it. */
final class SampleContent {
  private SampleContent() {}

  static Path copyInto(Path folder) throws IOException {
    Path from = RepoPaths.root().resolve("content");
    Path to = folder.resolve("content");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return to;
  }
}
