package dev.contentfunctions.posts;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The read API's routes. template.yaml declares the same paths (method ANY, so that a wrong method
 * reaches the handler and gets a 405 rather than API Gateway's bare 404), and docs/openapi.yaml
 * documents them; a test keeps the three in step.
 */
enum ApiRoute {
  POSTS("/posts"),
  POST("/posts/{slug}"),
  RELATED("/posts/{slug}/related"),
  TAGS("/tags"),
  FEED("/feed.xml"),
  SITEMAP("/sitemap.xml");

  static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

  private final String path;
  private final String[] segments;

  ApiRoute(String path) {
    this.path = path;
    this.segments = path.substring(1).split("/");
  }

  String path() {
    return path;
  }

  /** A matched route and the values of its {name} segments. */
  record Match(ApiRoute route, Map<String, String> parameters) {}

  /**
   * Whether a path is in the API's own space (under /posts or /tags): one that no route matches is
   * still answered as the API answers, with a problem, not with the website's 404 page.
   */
  static boolean owns(String rawPath) {
    for (String root : new String[] {"/posts", "/tags"}) {
      if (rawPath.equals(root) || rawPath.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  static Optional<Match> match(String rawPath) {
    String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
    for (ApiRoute route : values()) {
      Map<String, String> parameters = route.bind(parts);
      if (parameters != null) {
        return Optional.of(new Match(route, parameters));
      }
    }
    return Optional.empty();
  }

  private Map<String, String> bind(String[] parts) {
    if (parts.length != segments.length) {
      return null;
    }
    Map<String, String> parameters = new HashMap<>();
    for (int i = 0; i < parts.length; i++) {
      if (segments[i].startsWith("{")) {
        if (parts[i].isEmpty()) {
          return null;
        }
        parameters.put(segments[i].substring(1, segments[i].length() - 1), parts[i]);
      } else if (!segments[i].equals(parts[i])) {
        return null;
      }
    }
    return parameters;
  }
}
