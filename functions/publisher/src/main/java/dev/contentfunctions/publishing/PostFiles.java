package dev.contentfunctions.publishing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The content bucket as the publisher sees it: Markdown and image files to read, reports to write. */
public interface PostFiles {
  /** File name extensions of posts, compared ignoring case ("Post.MD" is a post). */
  List<String> MARKDOWN_EXTENSIONS = List.of("md", "markdown");

  /**
   * The bytes of exactly the version the change announces (the newest if the bucket is not
   * versioned), or empty if that file or version no longer exists: a later event then describes what
   * happened to it.
   *
   * @throws FileTooLargeException the file is over {@code maxBytes}: refused before it is read
   */
  Optional<byte[]> read(ObjectChange change, long maxBytes);

  void writeReport(String bucket, Report report);

  /**
   * Why the object under {@code key} is not a post, for its report (e.g. "not a Markdown file:
   * .txt"), or empty when it is a Markdown file.
   */
  static Optional<String> notMarkdown(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      return Optional.of("not a Markdown file: a folder");
    }
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.of("not a Markdown file: no extension");
    }
    String extension = name.substring(dot + 1);
    return MARKDOWN_EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT))
        ? Optional.empty()
        : Optional.of("not a Markdown file: ." + extension);
  }

}
