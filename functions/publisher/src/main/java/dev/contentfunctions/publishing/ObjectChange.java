package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.events.S3Change;
import dev.contentfunctions.tables.posts.SourceVersion;
import java.util.Locale;

/**
 * One change to a file in the content bucket, as an S3 event record announces it.
 *
 * @param key the object key, URL-decoded (S3 sends it URL-encoded, spaces as '+')
 * @param versionId the version the event is about; null when the bucket is not versioned
 * @param sequencer the event's sequencer, normalised so that string order is event order for this
 *     key; null when the event has none (S3 always sends one for puts and deletes; some local
 *     emulators do not)
 */
public record ObjectChange(
    String bucket, String key, String versionId, String sequencer, boolean removed) {

  /**
   * S3 sequencers are hexadecimal strings of varying length, compared by right-padding the shorter
   * one with zeros, then lexicographically (S3 user guide, "Event message structure"). Padding every
   * sequencer to one width lets DynamoDB compare them as plain strings.
   */
  static final int SEQUENCER_WIDTH = 64;

  /** @throws IllegalArgumentException the record's sequencer is not one S3 sends */
  public static ObjectChange from(S3Change record) {
    return new ObjectChange(
        record.bucket(),
        record.key(),
        record.versionId(),
        normaliseSequencer(record.sequencer()),
        record.removed());
  }

  /** The version of the file this change is about, as the posts table records it. */
  public SourceVersion version() {
    return new SourceVersion(key, versionId, sequencer);
  }

  static String normaliseSequencer(String sequencer) {
    if (sequencer == null || sequencer.isBlank()) {
      return null;
    }
    String hex = sequencer.trim().toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{1," + SEQUENCER_WIDTH + "}")) {
      throw new IllegalArgumentException("the record's s3.object.sequencer is not hexadecimal, or too long");
    }
    return hex + "0".repeat(SEQUENCER_WIDTH - hex.length());
  }
}
