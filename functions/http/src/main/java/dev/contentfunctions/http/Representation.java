package dev.contentfunctions.http;

import dev.contentfunctions.kit.events.HttpApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A successful GET's body and how it may be cached, turned into a response the way HTTP caches and
 * CDNs expect: a strong ETag from the body's hash, 304 for a matching If-None-Match, gzip when the
 * client accepts it, and no body for HEAD.
 */
public record Representation(String body, String contentType, String cacheControl) {
  /**
   * Public pages and JSON: browsers keep them a minute, a CDN five. No stale-while-revalidate: the
   * first view after the five minutes must get the new answer (a post published or removed), not
   * start a refresh behind an old copy; a stale copy is served only while the origin fails.
   */
  public static final String PUBLIC = "public, max-age=60, s-maxage=300, stale-if-error=86400";

  /** Author previews must never be stored by a browser or CDN. */
  public static final String PRIVATE = "private, no-store";

  /** Below this, gzip saves too little to be worth the client's decompression. */
  private static final int GZIP_MIN_BYTES = 1024;

  public HttpApiResponse toResponse(Map<String, String> requestHeaders, boolean head) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean gzip = bytes.length >= GZIP_MIN_BYTES && acceptsGzip(requestHeaders.get("accept-encoding"));
    // A strong ETag names one byte sequence, so the gzipped variant has its own.
    String etag = etag(bytes, gzip ? "-gzip" : "");
    Map<String, String> headers = new HashMap<>();
    headers.put("ETag", etag);
    headers.put("Cache-Control", cacheControl);
    headers.put("Vary", "Accept-Encoding");
    if (gzip) {
      headers.put("Content-Encoding", "gzip");
    }
    if (matches(requestHeaders.get("if-none-match"), etag)) {
      headers.remove("Content-Encoding");
      return Responses.response(304, null, null, false, headers, contentType);
    }
    if (head) {
      return Responses.response(200, contentType, null, headers);
    }
    if (gzip) {
      return Responses.response(200, contentType, Base64.getEncoder().encodeToString(gzip(bytes)), true, headers);
    }
    return Responses.response(200, contentType, body, headers);
  }

  private static String etag(byte[] body, String variant) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(hash, 0, 16) + variant + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** If-None-Match: "*" or a list of (possibly weak) entity tags; GET compares weakly (RFC 9110). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.length() > 8192) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }

  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      // -1 keeps empty parts: a coding of only ";" would otherwise leave no part 0 to read.
      String[] parts = coding.trim().split(";", -1);
      if (parts[0].trim().equalsIgnoreCase("gzip")) {
        return parts.length == 1 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
