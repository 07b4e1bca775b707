package dev.contentfunctions.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps the content bucket a mirror of the content folder: {@code content/posts/a.md} is the object
 * {@code posts/a.md}. Every file is uploaded at start; then a saved file is uploaded again and a
 * deleted one deleted within a poll interval, and the bucket's own event notifications do the rest.
 *
 * <p>The folder is polled rather than watched: the JDK's WatchService is not recursive and on macOS
 * it polls every few seconds anyway, while a scan of a few hundred files every 300 ms costs nothing
 * and sees editors' save-by-rename like any other change. Hidden files and editor backups ({@code
 * .#a.md}, {@code a.md~}) are skipped.
 */
final class ContentMirror implements AutoCloseable {
  private static final Duration INTERVAL = Duration.ofMillis(300);

  /** Where the files go: the content bucket, or a test's record of calls. */
  interface Bucket {
    void put(String key, byte[] content);

    void delete(String key);
  }

  private record Version(FileTime modified, long size) {}

  private final Path dir;
  private final Bucket bucket;
  private final PrintStream out;
  private final Map<String, Version> mirrored = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "content-mirror");
            thread.setDaemon(true);
            return thread;
          });

  ContentMirror(Path dir, Bucket bucket, PrintStream out) {
    this.dir = dir;
    this.bucket = bucket;
    this.out = out;
  }

  /** Mirrors the folder now, then keeps mirroring it in the background. */
  void start() {
    if (!Files.isDirectory(dir)) {
      out.println(Console.line("content", dir + " does not exist (yet): nothing to upload"));
    }
    sync();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            sync();
          } catch (RuntimeException e) {
            // An exception would cancel the schedule: report it and try again next time.
            out.println(Console.line("content", "cannot sync " + dir + ": " + e));
          }
        },
        INTERVAL.toMillis(),
        INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * Uploads what is new or changed since the last sync and deletes what is gone. A failed upload or
   * delete is tried again on the next sync.
   */
  synchronized void sync() {
    Map<String, Path> files = new TreeMap<>();
    Map<String, Version> current = new HashMap<>();
    scan(files, current);
    files.forEach(
        (key, file) -> {
          Version version = current.get(key);
          if (version.equals(mirrored.get(key))) {
            return;
          }
          byte[] content;
          try {
            content = Files.readAllBytes(file);
          } catch (IOException deletedSinceTheScan) {
            return; // the next sync sees it gone
          }
          try {
            bucket.put(key, content);
            mirrored.put(key, version);
            out.println(Console.line("content", "uploaded " + key));
          } catch (RuntimeException e) {
            out.println(Console.line("content", "cannot upload " + key + ": " + e.getMessage()));
          }
        });
    for (String key : new HashSet<>(mirrored.keySet())) {
      if (!current.containsKey(key)) {
        try {
          bucket.delete(key);
          mirrored.remove(key);
          out.println(Console.line("content", "deleted " + key));
        } catch (RuntimeException e) {
          out.println(Console.line("content", "cannot delete " + key + ": " + e.getMessage()));
        }
      }
    }
  }

  private void scan(Map<String, Path> files, Map<String, Version> versions) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(
          path -> {
            Path relative = dir.relativize(path);
            if (relative.toString().isEmpty() || isSkipped(relative)) {
              return;
            }
            try {
              BasicFileAttributes attributes =
                  Files.readAttributes(path, BasicFileAttributes.class);
              if (attributes.isRegularFile()) {
                String key = keyOf(relative);
                files.put(key, path);
                versions.put(key, new Version(attributes.lastModifiedTime(), attributes.size()));
              }
            } catch (IOException goneSinceListed) {
              // the next sync sees what became of it
            }
          });
    } catch (IOException | UncheckedIOException e) {
      // A folder removed while it was walked: keep what is mirrored until a scan completes.
      versions.putAll(mirrored);
    }
  }

  private static boolean isSkipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.endsWith("~")) {
        return true;
      }
    }
    return false;
  }

  private static String keyOf(Path relative) {
    StringJoiner key = new StringJoiner("/");
    relative.forEach(part -> key.add(part.toString()));
    return key.toString();
  }

  /** The S3 side of the mirror. */
  static Bucket s3(S3Client s3, String bucketName) {
    return new Bucket() {
      @Override
      public void put(String key, byte[] content) {
        s3.putObject(r -> r.bucket(bucketName).key(key), RequestBody.fromBytes(content));
      }

      @Override
      public void delete(String key) {
        s3.deleteObject(r -> r.bucket(bucketName).key(key));
      }
    };
  }
}
