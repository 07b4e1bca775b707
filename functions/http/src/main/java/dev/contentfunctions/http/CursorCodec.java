package dev.contentfunctions.http;

import dev.contentfunctions.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one format of every listing's opaque {@code cursor}: where the previous page ended, and which
 * listing it belongs to, authenticated with HMAC-SHA256 under a key from the function's
 * configuration. An edited, truncated or foreign cursor is a 400, never a page starting somewhere
 * unexpected; without the key nobody can make one, so what a cursor says reaches DynamoDB only after
 * the function wrote it.
 *
 * <p>Layout (base64url, no padding): version byte, then the fields joined by newlines, then the
 * first 16 bytes of the MAC over version, listing and fields.
 */
public final class CursorCodec {
  private static final byte VERSION = 2;
  private static final int MAC_BYTES = 16;

  private final SecretKeySpec key;

  /** @param secret at least 32 characters (the template's secret parameters require as much) */
  public CursorCodec(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("The cursor key must be at least 32 characters.");
    }
    // Its own key, derived for this purpose: a cursor's MAC is never another hash made with the secret.
    this.key = new SecretKeySpec(mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"),
        "content-functions cursor key".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
  }

  /** A cursor for {@code listing} (e.g. "tag:communication") holding {@code fields} (no newlines). */
  public String encode(String listing, List<String> fields) {
    byte[] payload = ("" + (char) VERSION + String.join("\n", fields)).getBytes(StandardCharsets.UTF_8);
    byte[] mac = Arrays.copyOf(mac(key, signed(listing, payload)), MAC_BYTES);
    byte[] all = Arrays.copyOf(payload, payload.length + MAC_BYTES);
    System.arraycopy(mac, 0, all, payload.length, MAC_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /**
   * The fields of a cursor this codec made for {@code listing}, as many as {@code count}; anything
   * else (not base64url, too short, a wrong MAC, made for another listing) is a 400.
   */
  public List<String> decode(String cursor, String listing, int count) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (all.length <= MAC_BYTES + 1 || all[0] != VERSION) {
      throw invalid();
    }
    byte[] payload = Arrays.copyOf(all, all.length - MAC_BYTES);
    byte[] given = Arrays.copyOfRange(all, all.length - MAC_BYTES, all.length);
    byte[] expected = Arrays.copyOf(mac(key, signed(listing, payload)), MAC_BYTES);
    if (!MessageDigest.isEqual(given, expected)) {
      throw invalid();
    }
    List<String> fields = List.of(new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8).split("\n", -1));
    if (fields.size() != count) {
      throw invalid();
    }
    return fields;
  }

  private static byte[] signed(String listing, byte[] payload) {
    byte[] prefix = (listing + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(prefix, prefix.length + payload.length);
    System.arraycopy(payload, 0, all, prefix.length, payload.length);
    return all;
  }

  private static byte[] mac(SecretKeySpec key, byte[] data) {
    try {
      // Mac instances are not thread-safe; one per call is cheap next to the query it guards.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /** The one refusal of a bad cursor, also for fields a function cannot read from a valid one. */
  public static ApiException invalid() {
    return new ApiException.BadRequest(
        "The cursor is not valid for this listing; use the nextCursor of a previous response, unchanged, or start again without one.");
  }
}
