package dev.contentfunctions.templatetests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What looks like a credential or a secret in a text, line by line. */
final class SecretFinder {

  /**
   * Bits per character above which a value looks random. Generated keys and tokens are near 4 or
   * more (hex, base64); words are lower ("preview-token-wrong-wrong-wrong": 3.4).
   */
  static final double MIN_ENTROPY = 3.5;

  private static final Pattern ACCESS_KEY_ID =
      Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])");
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

  /** As a setting, a JSON field or a Java map entry: key=v, "key": "v", ("KEY", "v"). */
  private static final Pattern SECRET_ACCESS_KEY =
      Pattern.compile("(?i)aws_secret_access_key[\"']?\\s*[:=,]\\s*[\"']?([^\\s\"',;)]+)");

  /**
   * A value given to a name like secret, password or token: quoted (code, JSON, YAML), after "="
   * (properties, shell, TOML strings), or a YAML scalar ending the line.
   */
  private static final Pattern NAMED_SECRET =
      Pattern.compile(
          "(?i)[\\w.-]*(?:secret|password|passwd|token|api[_-]?key)[\\w.-]*[\"']?"
              + "(?:\\s*[:=,]\\s*[\"']([^\"'\\s]{16,})[\"']"
              + "|=([^\\s\"'&;,()]{16,})"
              + "|:\\s+([^\\s\"'#;,(){}]{16,})\\s*$)");

  private SecretFinder() {}

  record Finding(int line, String kind, String value) {}

  static List<Finding> find(String text) {
    List<Finding> findings = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int line = i + 1;
      String content = lines[i];
      ACCESS_KEY_ID
          .matcher(content)
          .results()
          .forEach(key -> findings.add(new Finding(line, "AWS access key id", key.group())));
      PRIVATE_KEY
          .matcher(content)
          .results()
          .forEach(key -> findings.add(new Finding(line, "private key", key.group())));
      Matcher secretKey = SECRET_ACCESS_KEY.matcher(content);
      while (secretKey.find()) {
        if (!isReference(secretKey.group(1))) {
          findings.add(new Finding(line, "AWS secret access key", secretKey.group(1)));
        }
      }
      Matcher named = NAMED_SECRET.matcher(content);
      while (named.find()) {
        String value = firstNonNull(named.group(1), named.group(2), named.group(3));
        boolean reported =
            findings.stream()
                .anyMatch(found -> found.line() == line && found.value().equals(value));
        if (!reported && !isReference(value) && entropy(value) > MIN_ENTROPY) {
          findings.add(new Finding(line, "random-looking value of a secret's name", value));
        }
      }
    }
    return findings;
  }

  /** Shannon entropy, in bits per character. */
  static double entropy(String value) {
    Map<Integer, Integer> counts = new HashMap<>();
    value.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / value.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }

  /**
   * A variable standing for the value ($AWS_SECRET_ACCESS_KEY, ${HashingSecret}), not the value.
   */
  private static boolean isReference(String value) {
    return value.startsWith("$");
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    throw new IllegalArgumentException("no group matched");
  }
}
