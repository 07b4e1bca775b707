package dev.contentfunctions.kit.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One record of an S3 event notification: what happened to which object.
 *
 * @param eventName e.g. {@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}
 * @param key the object key, URL-decoded (S3 sends it form-encoded: spaces as '+')
 * @param versionId null when the bucket is not versioned
 * @param sequencer S3's ordering of events for one key, as sent; null when absent
 */
public record S3Change(String eventName, String bucket, String key, String versionId, String sequencer) {

  public boolean removed() {
    return eventName.startsWith("ObjectRemoved");
  }

  /**
   * The records of an S3 event. A record that cannot be read (no bucket, no key, a key that is not
   * form-encoded, a field of the wrong type) is a {@link RecordBatch.Unreadable}: the rest of the
   * batch is still applied, and the broken record is logged rather than retried for ever. An event
   * that is not JSON, or whose {@code Records} is not an array, is a {@link MalformedEventException}.
   */
  public static RecordBatch<S3Change> read(InputStream json) throws IOException {
    List<Object> records = EventJson.array(EventJson.read(json, "S3"), "Records", "");
    List<RecordBatch.Entry<S3Change>> entries = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      entries.add(entry(records.get(i), i));
    }
    return new RecordBatch<>(entries);
  }

  private static RecordBatch.Entry<S3Change> entry(Object record, int index) {
    if (!(record instanceof Map<?, ?>)) {
      return new RecordBatch.Unreadable<>(index, null, "the record is not an object");
    }
    Map<String, Object> fields = EventJson.cast(record);
    String key = null;
    try {
      Map<String, Object> s3 = EventJson.object(fields, "s3", "");
      Map<String, Object> object = EventJson.object(s3, "object", "s3.");
      key = decode(EventJson.text(object, "key", "s3.object."));
      String eventName = EventJson.text(fields, "eventName", "");
      String bucket = EventJson.text(EventJson.object(s3, "bucket", "s3."), "name", "s3.bucket.");
      if (eventName == null || bucket == null || key == null) {
        return new RecordBatch.Unreadable<>(index, key, "the record has no eventName, bucket name or readable object key");
      }
      return new RecordBatch.Readable<>(
          new S3Change(
              eventName,
              bucket,
              key,
              blankToNull(EventJson.text(object, "versionId", "s3.object.")),
              blankToNull(EventJson.text(object, "sequencer", "s3.object."))));
    } catch (MalformedEventException e) {
      return new RecordBatch.Unreadable<>(index, key, e.getMessage());
    }
  }

  private static String decode(String key) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    try {
      return URLDecoder.decode(key, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() || "null".equals(value) ? null : value;
  }
}
