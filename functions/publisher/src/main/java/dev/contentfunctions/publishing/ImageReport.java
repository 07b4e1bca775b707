package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.json.JsonWriter;
import dev.contentfunctions.tables.posts.ImageVariant;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What became of an uploaded image, written for the author next to the upload
 * (reports/&lt;key&gt;.json): ready (with its sizes and the posts showing it), refused (with why) or
 * removed.
 *
 * @param width height: of the upright original; 0 unless ready
 * @param variants the sizes readers get; empty unless ready
 * @param usedBy the Markdown files of the live posts that use it
 */
public record ImageReport(
    String key,
    String versionId,
    Status status,
    String message,
    int width,
    int height,
    List<ImageVariant> variants,
    List<String> usedBy,
    List<String> warnings,
    Instant at)
    implements Report {

  public enum Status {
    READY,
    REFUSED,
    REMOVED
  }

  public ImageReport {
    variants = List.copyOf(variants);
    usedBy = List.copyOf(usedBy);
    warnings = List.copyOf(warnings);
  }

  @Override
  public String toJson() {
    JsonWriter json =
        JsonWriter.prettyObject()
            .field("key", key)
            .field("versionId", versionId)
            .field("status", status.name().toLowerCase(Locale.ROOT))
            .field("message", message);
    if (status == Status.READY) {
      json.field("width", width).field("height", height).field("variants", variants);
    }
    json.field("usedBy", usedBy);
    if (!warnings.isEmpty()) {
      json.field("warnings", warnings);
    }
    return json.field("at", at.toString()).finish();
  }
}
