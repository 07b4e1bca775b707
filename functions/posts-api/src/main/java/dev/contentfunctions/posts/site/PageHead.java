package dev.contentfunctions.posts.site;

import dev.contentfunctions.posts.SiteUrl;
import java.util.List;

/**
 * What a page's head says about it to browsers, search engines and link-preview bots.
 *
 * @param canonical the page's absolute URL, or null (error pages have none)
 * @param image the link preview's picture, or null
 * @param article published, modified (may be null) and tags of a post page; null on other pages
 * @param jsonLd JSON-LD documents, each already safe inside a script element ({@link JsonLd#script})
 */
public record PageHead(
    String siteName,
    String siteUrl,
    String title,
    String description,
    String canonical,
    PreviewImage image,
    boolean noindex,
    Article article,
    List<String> jsonLd) {

  public record Article(String publishedTime, String modifiedTime, List<String> tags) {}

  /**
   * og:image and twitter:image.
   *
   * @param url absolute
   * @param width height: null when unknown
   * @param alt null when the picture has none
   */
  public record PreviewImage(String url, String width, String height, String alt) {}

  public PageHead {
    jsonLd = List.copyOf(jsonLd);
  }

  /** The site's URL, for the absolute addresses a template writes. */
  public SiteUrl site() {
    return new SiteUrl(siteUrl);
  }

  public String ogType() {
    return article != null ? "article" : "website";
  }

  public String twitterCard() {
    return image != null ? "summary_large_image" : "summary";
  }
}
