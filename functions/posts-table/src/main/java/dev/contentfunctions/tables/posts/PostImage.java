package dev.contentfunctions.tables.posts;

import java.util.List;

/**
 * A post's picture as pages and the API show it: the front matter's {@code image}.
 *
 * @param src the address to show: a variant's path (about 960 px wide) for an image of the content
 *     bucket, or the author's address for one on another site
 * @param width height: of {@code src}; null when unknown (another site's image)
 * @param alt the front matter's {@code imageAlt}; empty when the author gave none (decorative)
 * @param srcset every variant, ascending width; empty for another site's image
 * @param openGraph the crop for link previews (1200 x 630, or smaller at the same ratio for a small
 *     image); null for another site's image, whose own address serves
 */
public record PostImage(
    String src, Integer width, Integer height, String alt, List<ImageVariant> srcset, ImageVariant openGraph) {

  public PostImage {
    srcset = List.copyOf(srcset);
    alt = alt == null ? "" : alt;
  }

  /** An image on another site: shown as the author wrote it, size unknown. */
  public static PostImage external(String address, String alt) {
    return new PostImage(address, null, null, alt, List.of(), null);
  }
}
