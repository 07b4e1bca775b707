package dev.contentfunctions.posts.site;

import dev.contentfunctions.posts.Pictures;
import dev.contentfunctions.posts.SiteUrl;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import java.util.List;

/**
 * An {@code <img>}'s values, ready for a template, which escapes each for its attribute. A null
 * value is an attribute the template leaves out (jte omits null attributes): another site's image
 * has no srcset, sizes, width or height.
 */
public record Picture(String src, String srcset, String sizes, String width, String height, String alt) {

  /**
   * The article column: the page's .wrap is at most 44rem wide with 1.25rem of padding each side
   * (web/assets/styles.css), so the picture is 100vw less 2.5rem on a narrower screen.
   */
  static final String HERO_SIZES = "(max-width: 44rem) calc(100vw - 2.5rem), 41.5rem";

  /** A card's thumbnail: 6rem wide on a phone, 9rem from 30rem up (styles.css, .card-image). */
  static final String THUMBNAIL_SIZES = "(max-width: 30rem) 6rem, 9rem";

  /** The post's picture above its article: the about-960 px variant, and every variant to choose from. */
  public static Picture hero(SiteUrl site, PostImage image) {
    if (image == null) {
      return null;
    }
    String srcset = Pictures.srcset(site, image.srcset());
    return new Picture(site.absolute(image.src()), srcset, srcset == null ? null : HERO_SIZES,
        text(image.width()), text(image.height()), image.alt());
  }

  /**
   * A card's thumbnail: the smallest variant that is sharp at the card's size, and the smaller
   * ones for the browser to choose. Its alt is empty: the card's title, right beside it, already
   * names the post, and a thumbnail is a preview of the picture the post page describes with the
   * author's alt text; a screen reader would otherwise read a description before each title.
   */
  public static Picture thumbnail(SiteUrl site, PostImage image) {
    if (image == null) {
      return null;
    }
    List<ImageVariant> variants = Pictures.thumbnailVariants(image);
    String src = variants.isEmpty() ? image.src() : variants.get(variants.size() - 1).path();
    // width and height are the picture's (its about-960 px variant's), not the thumbnail file's:
    // they give the box its aspect ratio, the stylesheet its width, and cards.js, which has only
    // the JSON's image, writes the same attributes.
    return new Picture(site.absolute(src), Pictures.srcset(site, variants), variants.isEmpty() ? null : THUMBNAIL_SIZES,
        text(image.width()), text(image.height()), "");
  }

  private static String text(Integer number) {
    return number == null ? null : number.toString();
  }
}
