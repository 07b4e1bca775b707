package dev.contentfunctions.tables.posts;

/**
 * One size of a processed image, as the website serves it.
 *
 * @param path the URL path, e.g. {@code /media/3f2a…/cover-960.jpg}: content-hashed, so immutable;
 *     also the object key in the media bucket without its leading slash
 */
public record ImageVariant(String path, int width, int height) {}
