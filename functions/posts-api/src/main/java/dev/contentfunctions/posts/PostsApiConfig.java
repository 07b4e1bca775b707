package dev.contentfunctions.posts;

import dev.contentfunctions.kit.Env;
import dev.contentfunctions.secrets.DeploymentSecrets;

/**
 * The read API's configuration, from the environment variables template.yaml sets.
 *
 * @param siteUrl the public website's base URL, or null: then each request's host decides ({@link SiteUrl#resolve})
 * @param siteName the practice's and blog's name: page titles, Open Graph, JSON-LD, the feed
 * @param previewToken the author's secret for reading drafts and scheduled posts; null disables preview
 * @param hashingSecret the deployment's secret, from which the listings' cursor key is derived
 * @param originVerify the value CloudFront adds to each origin request (x-origin-verify); null trusts no forwarded host
 * @param bookingRetentionDays how long booking requests are kept (the stack's ConsultationRetentionDays): the privacy page says it
 * @param logRetentionDays how long the functions' logs are kept (LogRetentionInDays), also on the privacy page
 */
public record PostsApiConfig(
    String postsTable,
    String siteUrl,
    String siteName,
    String previewToken,
    String hashingSecret,
    String originVerify,
    int bookingRetentionDays,
    int logRetentionDays) {
  /** The template's defaults for the two retention periods. */
  public PostsApiConfig(
      String postsTable, String siteUrl, String siteName, String previewToken, String hashingSecret, String originVerify) {
    this(postsTable, siteUrl, siteName, previewToken, hashingSecret, originVerify, 365, 30);
  }

  /** The environment's values, and the two secrets it names read from Secrets Manager (two calls). */
  public static PostsApiConfig fromEnvironment() {
    try (DeploymentSecrets secrets = DeploymentSecrets.fromEnvironment()) {
      return new PostsApiConfig(
          Env.require("POSTS_TABLE"),
          Env.optional("SITE_URL"),
          Env.require("SITE_NAME"),
          DeploymentSecrets.previewToken(secrets.current("PREVIEW_TOKEN_SECRET_ARN")),
          secrets.current("HASHING_SECRET_ARN"),
          Env.optional("ORIGIN_VERIFY"),
          Integer.parseInt(Env.require("BOOKING_RETENTION_DAYS")),
          Integer.parseInt(Env.require("LOG_RETENTION_DAYS")));
    }
  }

  /** A record prints every component; the secrets must not reach a log line or an error message. */
  @Override
  public String toString() {
    return "PostsApiConfig[postsTable=" + postsTable + ", siteUrl=" + siteUrl + ", siteName=" + siteName
        + ", previewToken=(hidden), hashingSecret=(hidden), originVerify=" + originVerify + "]";
  }
}
