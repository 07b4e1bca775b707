package dev.contentfunctions.publishing;

import dev.contentfunctions.shared.json.JsonWriter;
import java.time.Instant;

/**
 * What happened to an uploaded file, written for the author next to the upload (reports/&lt;key&gt;.json):
 * published (with the slug, and whether it is a draft or scheduled), removed, or failed (with why).
 */
public record PublishReport(
    String key, String versionId, Status status, String slug, String message, Instant at) {

  public enum Status {
    PUBLISHED,
    REMOVED,
    FAILED
  }

  /** reports/posts/my-post.md.json for posts/my-post.md: outside the posts/ notification filter. */
  public String reportKey() {
    return "reports/" + key + ".json";
  }

  public String toJson() {
    return JsonWriter.prettyObject()
        .field("key", key)
        .field("versionId", versionId)
        .field("status", status.name().toLowerCase(java.util.Locale.ROOT))
        .field("slug", slug)
        .field("message", message)
        .field("at", at.toString())
        .finish();
  }
}
