package dev.contentfunctions.publishing;

import dev.contentfunctions.publishing.images.Variant;
import java.util.Collection;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/** The media bucket in S3; its lifecycle rule (template.yaml) expires objects tagged retired. */
public final class S3MediaStore implements MediaStore {
  static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
  static final Tag RETIRED = Tag.builder().key("retired").value("true").build();

  private final S3Client s3;
  private final String bucket;

  public S3MediaStore(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  @Override
  public void put(String key, Variant variant) {
    // A new write of the same key (the same bytes again) also drops an earlier retired tag.
    s3.putObject(
        r -> r.bucket(bucket).key(key).contentType(variant.contentType()).cacheControl(CACHE_CONTROL),
        RequestBody.fromBytes(variant.bytes()));
  }

  @Override
  public void retire(Collection<String> keys) {
    for (String key : keys) {
      try {
        s3.putObjectTagging(r -> r.bucket(bucket).key(key).tagging(t -> t.tagSet(RETIRED)));
      } catch (S3Exception e) {
        // Retired and expired before, or never written: nothing left to retire.
        if (e.statusCode() != 404) {
          throw e;
        }
      }
    }
  }
}
