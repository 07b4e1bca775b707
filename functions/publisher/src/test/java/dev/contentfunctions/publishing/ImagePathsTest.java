package dev.contentfunctions.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which file of the bucket an address in posts/my-post.md names, as an editor's preview reads it. */
class ImagePathsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "cover.jpg,                       posts/my-post/cover.jpg",
        "./cover.jpg,                     posts/my-post/cover.jpg",
        "my-post/cover.jpg,               posts/my-post/cover.jpg",
        "../media/logo.png,               media/logo.png",
        "/media/logo.png,                 media/logo.png",
        "/media/a/../logo.png,            media/logo.png",
        "Cover%20Photo.jpg,               posts/my-post/Cover Photo.jpg",
        "cover.jpg?v=2#top,               posts/my-post/cover.jpg",
        "other/cover.jpg,                 posts/other/cover.jpg",
        "../../../etc/passwd,             ../../../etc/passwd",
        "https://example.com/a.jpg,       none",
        "//cdn.example/a.jpg,             none",
        "data:image/png;base64,           none",
        "/images/connection.jpg,          none",
      })
  void addressNamesTheFileAnEditorWouldShow(String address, String key) {
    assertThat(ImagePaths.keyFor("posts/my-post.md", address)).isEqualTo(Optional.ofNullable(key));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "posts/my-post/cover.jpg,  true",
    "posts/my-post/a/b.png,    true",
    "media/logo.png,           true",
    "media/notes.md,           false",
    "posts/my-post.md,         false",
    "posts/cover.jpg,          false",
    "posts/my-post/,           false",
    "reports/media/logo.png,   false",
  })
  void imageFilesAreTheNonMarkdownFilesOfImageFolders(String key, boolean image) {
    assertThat(ImagePaths.isImageFile(key)).isEqualTo(image);
  }
}
