package dev.contentfunctions.tables.posts;

/**
 * One version of a file of the content bucket, as the event announcing it names it.
 *
 * @param key the file's S3 key
 * @param versionId null when the bucket is not versioned
 * @param sequencer the event's normalised sequencer (string order is event order); null if none
 */
public record SourceVersion(String key, String versionId, String sequencer) {}
