package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.json.JsonWriter;
import java.time.Instant;
import java.util.Locale;

/**
 * What happened to an uploaded file, written for the author next to the upload (reports/&lt;key&gt;.json):
 * published, stored as a draft, scheduled (with the time it appears), waiting for its slug, removed,
 * failed (with why) or ignored (not a Markdown file).
 *
 * @param scheduledFor when a scheduled post appears; null for every other status
 */
public record PublishReport(
    String key,
    String versionId,
    Status status,
    String slug,
    String message,
    Instant scheduledFor,
    Instant at) {

  public enum Status {
    PUBLISHED,
    DRAFT,
    SCHEDULED,
    /** Refused because another file's post holds the name; published once that name is free. */
    WAITING,
    REMOVED,
    FAILED,
    IGNORED
  }

  /** reports/posts/my-post.md.json for posts/my-post.md: outside the posts/ notification filter. */
  public String reportKey() {
    return "reports/" + key + ".json";
  }

  public String toJson() {
    JsonWriter json =
        JsonWriter.prettyObject()
            .field("key", key)
            .field("versionId", versionId)
            .field("status", status.name().toLowerCase(Locale.ROOT))
            .field("slug", slug)
            .field("message", message);
    if (scheduledFor != null) {
      json.field("scheduledFor", scheduledFor.toString());
    }
    return json.field("at", at.toString()).finish();
  }
}
