package dev.contentfunctions.posts;

import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A post's picture as the JSON and the pages show it, against one request's site URL: absolute
 * addresses, the {@code srcset} attribute, the card's thumbnail and the link preview's crop.
 */
public final class Pictures {
  /**
   * A card's thumbnail is at most 9rem (144 CSS px) wide (web/assets/styles.css, .card-image), so a
   * variant this wide is sharp on screens of up to three device pixels per CSS pixel.
   */
  static final int THUMBNAIL_PIXELS = 3 * 144;

  private Pictures() {}

  /** {@code srcset}'s candidates with absolute URLs, "https://…-480.jpg 480w, …"; null for none. */
  public static String srcset(SiteUrl site, List<ImageVariant> variants) {
    if (variants.isEmpty()) {
      return null;
    }
    List<String> candidates = new ArrayList<>(variants.size());
    for (ImageVariant variant : variants) {
      candidates.add(site.absolute(variant.path()) + " " + variant.width() + "w");
    }
    return String.join(", ", candidates);
  }

  /**
   * The variants a card's thumbnail may load: the ascending ones up to the first wide enough for
   * {@link #THUMBNAIL_PIXELS} (all of them when none is); empty for another site's image.
   */
  public static List<ImageVariant> thumbnailVariants(PostImage image) {
    List<ImageVariant> chosen = new ArrayList<>();
    for (ImageVariant variant : image.srcset()) {
      chosen.add(variant);
      if (variant.width() >= THUMBNAIL_PIXELS) {
        break;
      }
    }
    return chosen;
  }

  /**
   * The largest variant, what a search engine should index; the picture itself when there are none
   * (another site's, or an old item's).
   */
  public static ImageVariant largest(PostImage image) {
    if (image.srcset().isEmpty()) {
      return image.width() == null || image.height() == null
          ? null
          : new ImageVariant(image.src(), image.width(), image.height());
    }
    return image.srcset().get(image.srcset().size() - 1);
  }

}
