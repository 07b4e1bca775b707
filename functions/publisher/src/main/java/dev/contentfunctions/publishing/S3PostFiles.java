package dev.contentfunctions.publishing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The content bucket in S3. */
public final class S3PostFiles implements PostFiles {
  private final S3Client s3;

  public S3PostFiles(S3Client s3) {
    this.s3 = s3;
  }

  @Override
  public Optional<byte[]> read(ObjectChange change, long maxBytes) {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(r -> r.bucket(change.bucket()).key(change.key()).versionId(change.versionId()))) {
      Long length = in.response().contentLength();
      if (length != null && length > maxBytes) {
        in.abort();
        throw new FileTooLargeException(length);
      }
      return Optional.of(in.readAllBytes());
    } catch (S3Exception e) {
      if (isGone(e)) {
        return Optional.empty();
      }
      throw e;
    } catch (IOException e) {
      // The connection failed while the body was read: the same transient S3 failure as one
      // before the answer came, so Lambda retries it the same way.
      throw SdkClientException.create("Reading the object's body from S3 failed", e);
    }
  }

  /** The file or version is gone; any other error (a missing bucket, say) is a real failure. */
  private static boolean isGone(S3Exception e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e instanceof NoSuchKeyException || "NoSuchKey".equals(code) || "NoSuchVersion".equals(code);
  }

  @Override
  public void writeReport(String bucket, Report report) {
    s3.putObject(
        r -> r.bucket(bucket).key(report.reportKey()).contentType("application/json"),
        RequestBody.fromString(report.toJson(), StandardCharsets.UTF_8));
  }
}
