package dev.contentfunctions.tables.consultations;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA256 with the deployment's secret) of personal data that must be matched but
 * not stored or logged in clear: source IP addresses (rate limits) and e-mail addresses (rate limits,
 * erasure). Without the secret, a hash cannot be tested against guesses.
 */
public final class SaltedHash {
  private final SecretKeySpec key;

  public SaltedHash(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("The hashing secret must be at least 32 characters.");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The same address however it was typed: case and surrounding spaces do not matter. */
  public String ofEmail(String email) {
    return hash("email\n" + email.strip().toLowerCase(Locale.ROOT));
  }

  public String ofIp(String ip) {
    return hash("ip\n" + (ip == null ? "" : ip.strip()));
  }

  /** For any other value that must be compared but not kept, e.g. a request's fingerprint. */
  public String of(String purpose, String value) {
    return hash(purpose + "\n" + value);
  }

  private String hash(String value) {
    try {
      // Mac instances are not thread-safe; creating one per call is cheap next to a network call.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 20);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }
}
