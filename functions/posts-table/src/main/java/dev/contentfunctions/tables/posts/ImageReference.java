package dev.contentfunctions.tables.posts;

/**
 * A published version of a Markdown file that uses an image: what is rendered again when the image
 * changes.
 */
public record ImageReference(String imageKey, String sourceKey, String versionId, String sequencer) {}
