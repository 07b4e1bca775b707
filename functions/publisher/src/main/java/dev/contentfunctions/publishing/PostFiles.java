package dev.contentfunctions.publishing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The content bucket as the publisher sees it: Markdown files to read, reports to write. */
public final class PostFiles {
  /** File name extensions of posts, compared ignoring case ("Post.MD" is a post). */
  static final List<String> MARKDOWN_EXTENSIONS = List.of("md", "markdown");

  private final S3Client s3;

  public PostFiles(S3Client s3) {
    this.s3 = s3;
  }

  /**
   * The bytes of exactly the version the change announces (the newest if the bucket is not
   * versioned), or empty if that file or version no longer exists: a later event then describes what
   * happened to it. Files over {@code maxBytes} are refused before they are read.
   */
  public Optional<byte[]> read(ObjectChange change, long maxBytes) {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(r -> r.bucket(change.bucket()).key(change.key()).versionId(change.versionId()))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new InvalidPostException(
            "The file is " + length + " bytes; a post may be at most " + maxBytes + " bytes.");
      }
      return Optional.of(in.readAllBytes());
    } catch (S3Exception e) {
      if (isGone(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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

  /** The file or version is gone; any other error (a missing bucket, say) is a real failure. */
  private static boolean isGone(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e instanceof NoSuchKeyException || "NoSuchKey".equals(code) || "NoSuchVersion".equals(code);
  }

  public void writeReport(String bucket, PublishReport report) {
    s3.putObject(
        r -> r.bucket(bucket).key(report.reportKey()).contentType("application/json"),
        RequestBody.fromString(report.toJson(), StandardCharsets.UTF_8));
  }
}
