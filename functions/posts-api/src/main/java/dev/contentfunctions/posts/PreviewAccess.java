package dev.contentfunctions.posts;

import dev.contentfunctions.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The author's preview: the token as header (preferred: kept out of URLs and logs) or query. */
public record PreviewAccess(String token) {
  /** The preview token's query parameter (its decoded name: a client may percent-encode it). */
  public static final String PARAMETER = "preview";

  public static final String HEADER = "x-preview-token";

  /** Whether the request carries the token (compared in constant time); never with preview disabled. */
  public boolean grants(HttpRequest request) {
    String given = request.header(HEADER) != null ? request.header(HEADER) : request.query(PARAMETER);
    return token != null
        && given != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether the request asks for a preview at all, right token or not: such answers are never shared. */
  public static boolean asked(HttpRequest request) {
    return request.header(HEADER) != null || request.query(PARAMETER) != null;
  }
}
