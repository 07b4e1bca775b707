package dev.contentfunctions.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, whichever module's directory a test or tool runs in. */
public final class RepoPaths {

  private static final String TEMPLATE = "template.yaml";

  private RepoPaths() {}

  /**
   * The folder holding template.yaml: the system property {@code repo.root} (surefire and failsafe
   * set it), else the working directory, or the nearest of their parents that holds the template.
   * Parents count because Maven sets {@code repo.root} to the module's folder when it is run from
   * there.
   */
  public static Path root() {
    String configured = System.getProperty("repo.root");
    Path start =
        (configured == null || configured.isBlank() ? Path.of("") : Path.of(configured))
            .toAbsolutePath()
            .normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(TEMPLATE))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "No " + TEMPLATE + " in " + start + " or its parents; set -Drepo.root=<repository root>");
  }

  /** A sample event of events/, as `sam local invoke -e` sends it. */
  public static byte[] sampleEvent(String name) {
    try {
      return java.nio.file.Files.readAllBytes(root().resolve("events").resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Path template() {
    return root().resolve(TEMPLATE);
  }
}
