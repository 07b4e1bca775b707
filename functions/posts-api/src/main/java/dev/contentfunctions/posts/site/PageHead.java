package dev.contentfunctions.posts.site;

import java.util.List;

/**
 * What a page's head says about it to browsers, search engines and link-preview bots.
 *
 * @param canonical the page's absolute URL, or null (error pages have none)
 * @param image an absolute image URL, or null
 * @param article published, modified (may be null) and tags of a post page; null on other pages
 * @param jsonLd JSON-LD documents, each already safe inside a script element ({@link JsonLd#script})
 */
public record PageHead(
    String siteName,
    String siteUrl,
    String title,
    String description,
    String canonical,
    String image,
    boolean noindex,
    Article article,
    List<String> jsonLd) {

  public record Article(String publishedTime, String modifiedTime, List<String> tags) {}

  public PageHead {
    jsonLd = List.copyOf(jsonLd);
  }

  public String ogType() {
    return article != null ? "article" : "website";
  }

  public String twitterCard() {
    return image != null ? "summary_large_image" : "summary";
  }
}
