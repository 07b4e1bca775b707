package dev.contentfunctions.tables.posts;

import java.time.Instant;

/**
 * A file refused because another file's post holds a name it needs (its slug, or an alias), waiting
 * for that name: when the name is freed, the oldest claim's version is published.
 *
 * @param name the slug or alias wanted
 * @param sourceKey the waiting file's S3 key
 * @param versionId the waiting version (null when the bucket is not versioned)
 * @param sequencer the sequencer of that version's event; the file's record holds the same while
 *     it waits, so a claim of an older version is recognised as stale
 * @param claimedAt when the file was first refused: the order of the queue
 */
public record SlugClaim(
    String name, String sourceKey, String versionId, String sequencer, Instant claimedAt) {}
