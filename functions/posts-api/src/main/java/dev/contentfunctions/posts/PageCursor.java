package dev.contentfunctions.posts;

import dev.contentfunctions.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of a listing: where the previous page ended (the last post's index sort
 * key) and which listing it belongs to, with a check value so that an edited or truncated cursor is
 * refused with a 400 rather than starting the listing somewhere unexpected. The data is public, so the
 * check guards against mistakes, not secrets.
 */
final class PageCursor {
  private static final String VERSION = "1";
  private static final Pattern SORT_KEY =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z#[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * A timestamp, '#' and a slug of at most 100 characters (the publisher's limit). The check value
   * is public, so a cursor can be forged; a longer key would reach DynamoDB, which refuses sort keys
   * over 1,024 bytes with an error rather than a 400.
   */
  private static final int MAX_SORT_KEY_LENGTH = "2025-01-01T00:00:00Z#".length() + 100;
  private static final int CHECK_BYTES = 8;

  private PageCursor() {}

  static String encode(String list, String lastSortKey) {
    String payload = VERSION + "\n" + list + "\n" + lastSortKey;
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    byte[] check = check(bytes);
    byte[] all = Arrays.copyOf(bytes, bytes.length + CHECK_BYTES);
    System.arraycopy(check, 0, all, bytes.length, CHECK_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /** The sort key the page after {@code cursor} starts after; 400 if it is not one of ours for {@code list}. */
  static String decode(String cursor, String list) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (all.length <= CHECK_BYTES) {
      throw invalid();
    }
    byte[] bytes = Arrays.copyOf(all, all.length - CHECK_BYTES);
    byte[] check = Arrays.copyOfRange(all, all.length - CHECK_BYTES, all.length);
    if (!MessageDigest.isEqual(check, Arrays.copyOf(check(bytes), CHECK_BYTES))) {
      throw invalid();
    }
    String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 3
        || !VERSION.equals(parts[0])
        || parts[2].length() > MAX_SORT_KEY_LENGTH
        || !SORT_KEY.matcher(parts[2]).matches()) {
      throw invalid();
    }
    if (!parts[1].equals(list)) {
      throw new ApiException.BadRequest(
          "This cursor belongs to another listing (a different tag); start again without a cursor.");
    }
    return parts[2];
  }

  private static ApiException invalid() {
    return new ApiException.BadRequest(
        "The cursor is not valid; use the nextCursor of a previous response, unchanged.");
  }

  private static byte[] check(byte[] payload) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update("content-functions page cursor\n".getBytes(StandardCharsets.UTF_8));
      return sha256.digest(payload);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
