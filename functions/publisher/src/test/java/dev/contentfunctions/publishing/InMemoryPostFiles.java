package dev.contentfunctions.publishing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A versioned content bucket in memory, for the service's fast tests: each upload is a new version,
 * a delete makes the newest version disappear (as a delete marker does), reports are kept by key.
 */
final class InMemoryPostFiles implements PostFiles {
  private final Map<String, byte[]> versions = new HashMap<>();
  private final Map<String, String> newest = new HashMap<>();
  private final Map<String, Report> reports = new HashMap<>();
  private final AtomicLong nextVersion = new AtomicLong();

  synchronized String upload(String key, byte[] content) {
    String version = "v" + nextVersion.incrementAndGet();
    versions.put(key + "@" + version, content.clone());
    newest.put(key, version);
    return version;
  }

  synchronized void delete(String key) {
    newest.remove(key);
  }

  @Override
  public synchronized Optional<byte[]> read(ObjectChange change, long maxBytes) {
    String version = change.versionId() != null ? change.versionId() : newest.get(change.key());
    byte[] content = version == null ? null : versions.get(change.key() + "@" + version);
    if (content != null && content.length > maxBytes) {
      throw new FileTooLargeException(content.length);
    }
    return Optional.ofNullable(content).map(byte[]::clone);
  }

  @Override
  public synchronized void writeReport(String bucket, Report report) {
    reports.put(report.key(), report);
  }

  synchronized PublishReport report(String key) {
    return (PublishReport) reports.get(key);
  }

  synchronized ImageReport imageReport(String key) {
    return (ImageReport) reports.get(key);
  }
}
