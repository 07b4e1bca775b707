package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentMirrorTest {
  @TempDir Path content;

  /** The bucket as a map, with a log of calls; fails the next put when asked. */
  private static final class FakeBucket implements ContentMirror.Bucket {
    final Map<String, String> objects = new TreeMap<>();
    final List<String> calls = new ArrayList<>();
    boolean failNextPut;

    @Override
    public void put(String key, byte[] content) {
      if (failNextPut) {
        failNextPut = false;
        throw new IllegalStateException("moto is down");
      }
      calls.add("put " + key);
      objects.put(key, new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public void delete(String key) {
      calls.add("delete " + key);
      objects.remove(key);
    }
  }

  private final FakeBucket bucket = new FakeBucket();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  private ContentMirror mirror() {
    return new ContentMirror(
        content, bucket, new PrintStream(console, true, StandardCharsets.UTF_8));
  }

  private Path write(String relative, String text) throws IOException {
    Path file = content.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void uploadsEveryFileUnderItsKeySkippingHiddenFilesAndBackups() throws IOException {
    write("posts/a.md", "A");
    write("posts/2025/b.md", "B");
    write("posts/.#a.md", "lock");
    write("posts/a.md~", "backup");
    write(".git/config", "hidden folder");

    mirror().sync();

    assertThat(bucket.objects).containsOnlyKeys("posts/a.md", "posts/2025/b.md");
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("uploaded posts/a.md");
  }

  @Test
  void uploadsAChangedFileAgainAndNothingElse() throws IOException {
    Path a = write("posts/a.md", "first");
    write("posts/b.md", "B");
    ContentMirror mirror = mirror();
    mirror.sync();
    bucket.calls.clear();

    Files.writeString(a, "second, longer");
    Files.setLastModifiedTime(a, FileTime.from(Instant.now().plusSeconds(5)));
    mirror.sync();
    mirror.sync();

    assertThat(bucket.calls).containsExactly("put posts/a.md");
    assertThat(bucket.objects).containsEntry("posts/a.md", "second, longer");
  }

  @Test
  void deletesTheObjectOfADeletedFile() throws IOException {
    Path a = write("posts/a.md", "A");
    ContentMirror mirror = mirror();
    mirror.sync();

    Files.delete(a);
    mirror.sync();

    assertThat(bucket.calls).containsExactly("put posts/a.md", "delete posts/a.md");
    assertThat(bucket.objects).isEmpty();
  }

  @Test
  void retriesAFailedUploadOnTheNextSync() throws IOException {
    write("posts/a.md", "A");
    ContentMirror mirror = mirror();
    bucket.failNextPut = true;

    mirror.sync();
    assertThat(bucket.objects).isEmpty();
    mirror.sync();

    assertThat(bucket.objects).containsOnlyKeys("posts/a.md");
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("cannot upload posts/a.md: moto is down");
  }

  @Test
  void missingFolderMirrorsNothingUntilItAppears() throws IOException {
    ContentMirror mirror =
        new ContentMirror(
            content.resolve("not-yet"),
            bucket,
            new PrintStream(console, true, StandardCharsets.UTF_8));
    mirror.sync();
    assertThat(bucket.calls).isEmpty();

    write("not-yet/posts/a.md", "A");
    mirror.sync();

    assertThat(bucket.objects).containsOnlyKeys("posts/a.md");
  }
}
