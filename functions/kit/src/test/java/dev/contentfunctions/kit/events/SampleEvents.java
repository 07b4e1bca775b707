package dev.contentfunctions.kit.events;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events of events/ (the ones `sam local invoke -e` sends), and events written inline. */
final class SampleEvents {
  private SampleEvents() {}

  static InputStream file(String name) {
    try {
      return Files.newInputStream(Path.of(System.getProperty("repo.root"), "events", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream json(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
