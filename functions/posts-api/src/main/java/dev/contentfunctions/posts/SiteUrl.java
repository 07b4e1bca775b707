package dev.contentfunctions.posts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The website's public base URL for one request (no trailing slash): canonical links, Open Graph,
 * the feed and the sitemap are all written against it.
 */
public record SiteUrl(String base) {
  /** A host name (letters, digits, hyphens, dots) and an optional port: what a Host header may hold. */
  private static final Pattern HOST =
      Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::[0-9]{1,5})?");

  public SiteUrl {
    base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /**
   * The configured site URL when set; else {@code https://} and the viewer's host as CloudFront
   * forwards it (x-forwarded-host), trusted only when the request carries the distribution's
   * x-origin-verify secret; else the request's own Host (http for a loopback host). Empty when the
   * host to use is not a well-formed host name.
   */
  public static Optional<SiteUrl> resolve(String configured, String originVerify, Map<String, String> headers) {
    if (configured != null) {
      return Optional.of(new SiteUrl(configured));
    }
    String forwarded = headers.get("x-forwarded-host");
    if (forwarded != null && originVerify != null && matches(originVerify, headers.get("x-origin-verify"))) {
      return host(forwarded).map(host -> new SiteUrl("https://" + host));
    }
    return host(headers.get("host"))
        .map(host -> new SiteUrl((isLoopback(host) ? "http://" : "https://") + host));
  }

  private static Optional<String> host(String value) {
    if (value == null || value.length() > 260) {
      return Optional.empty();
    }
    String host = value.toLowerCase(Locale.ROOT);
    return HOST.matcher(host).matches() ? Optional.of(host) : Optional.empty();
  }

  private static boolean isLoopback(String host) {
    String name = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    return name.equals("localhost") || name.equals("127.0.0.1");
  }

  /** Constant time, so that the secret cannot be guessed a byte at a time. */
  private static boolean matches(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** The absolute URL of a path of the site ("/blog/"). */
  public String page(String path) {
    return base + path;
  }

  /** Where the website shows a post. */
  public String postUrl(String slug) {
    return base + "/blog/" + slug;
  }

  /** An image path from the front matter, made absolute for meta tags and feeds. */
  public String absolute(String url) {
    if (url == null || url.startsWith("http://") || url.startsWith("https://")) {
      return url;
    }
    return base + (url.startsWith("/") ? "" : "/") + url;
  }
}
