package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.json.JsonWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What happened to an uploaded file, written for the author next to the upload (reports/&lt;key&gt;.json):
 * published, stored as a draft, scheduled (with the time it appears), waiting for its slug, removed,
 * failed (with why) or ignored (not a Markdown file).
 *
 * @param scheduledFor when a scheduled post appears; null for every other status
 * @param images the post's images as it was rendered, in the order they appear
 * @param warnings what the author should fix although the post is published (a missing image, an
 *     image without alt text)
 */
public record PublishReport(
    String key,
    String versionId,
    Status status,
    String slug,
    String message,
    Instant scheduledFor,
    Instant at,
    List<ImageEntry> images,
    List<String> warnings)
    implements Report {

  public PublishReport {
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
  }

  /**
   * One image of a post.
   *
   * @param address as the author wrote it
   * @param key the bucket's file it names; null for another site's image
   * @param status used, missing, refused, or external (another site's: shown as written)
   */
  public record ImageEntry(String address, String key, String status) {}

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
    if (!images.isEmpty()) {
      json.field("images", images);
    }
    if (!warnings.isEmpty()) {
      json.field("warnings", warnings);
    }
    return json.field("at", at.toString()).finish();
  }
}
