package dev.contentfunctions.templatetests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/** A function's deployment zip, unpacked as Lambda unpacks it into its task directory. */
final class DeploymentPackage {
  private DeploymentPackage() {}

  /** Unpacks {@code zip} into {@code target} and returns it; an entry outside it is refused. */
  static Path unzip(Path zip, Path target) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      for (var entry : file.stream().toList()) {
        Path destination = target.resolve(entry.getName()).normalize();
        if (!destination.startsWith(target)) {
          throw new IOException(zip + " has an entry outside its root: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, destination);
          }
        }
      }
    }
    return target;
  }
}
