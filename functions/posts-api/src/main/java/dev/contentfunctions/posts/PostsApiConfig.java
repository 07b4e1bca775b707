package dev.contentfunctions.posts;

import dev.contentfunctions.kit.Env;

/**
 * The read API's configuration, from the environment variables template.yaml sets.
 *
 * @param siteUrl the public website's base URL (no trailing slash): canonical links, feed, sitemap
 * @param siteName the blog's name, for the feed
 * @param previewToken the author's secret for reading drafts and scheduled posts; null disables preview
 * @param hashingSecret the deployment's secret, from which the listings' cursor key is derived
 */
public record PostsApiConfig(
    String postsTable, String siteUrl, String siteName, String previewToken, String hashingSecret) {
  public PostsApiConfig {
    siteUrl = siteUrl.endsWith("/") ? siteUrl.substring(0, siteUrl.length() - 1) : siteUrl;
  }

  public static PostsApiConfig fromEnvironment() {
    return new PostsApiConfig(
        Env.require("POSTS_TABLE"),
        Env.require("SITE_URL"),
        Env.require("SITE_NAME"),
        Env.optional("PREVIEW_TOKEN"),
        Env.require("HASHING_SECRET"));
  }

  /** Where the website shows a post. */
  public String postUrl(String slug) {
    return siteUrl + "/blog/" + slug;
  }

  /** An image path from the front matter, made absolute for meta tags and feeds. */
  public String absolute(String url) {
    if (url == null || url.startsWith("http://") || url.startsWith("https://")) {
      return url;
    }
    return siteUrl + (url.startsWith("/") ? "" : "/") + url;
  }
}
