package dev.contentfunctions.publishing.images;

/**
 * One re-encoded rendition of an image, without any metadata.
 *
 * @param extension "jpg" or "png"
 * @param contentType "image/jpeg" or "image/png"
 */
public record Variant(int width, int height, String contentType, String extension, byte[] bytes) {}
