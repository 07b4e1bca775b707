package dev.contentfunctions.consultations;

import dev.contentfunctions.kit.Env;
import dev.contentfunctions.secrets.DeploymentSecrets;
import java.time.Duration;

/**
 * The booking function's configuration, from the environment variables template.yaml sets.
 *
 * @param thankYouUrl where a plain form is redirected; empty means the site's own {@code /thank-you},
 *     as a relative redirect, so it stays on whichever address the form was posted to
 * @param originVerify the value CloudFront sends as {@code x-origin-verify}: only then is its
 *     {@code cloudfront-viewer-address} the client's address ({@link ClientAddress})
 */
record ConsultationsConfig(
    String table, String thankYouUrl, Duration retention, String hashingSecret, String originVerify) {
  static final String SITE_THANK_YOU = "/thank-you";

  ConsultationsConfig {
    thankYouUrl = thankYouUrl == null || thankYouUrl.isBlank() ? SITE_THANK_YOU : thankYouUrl;
  }

  /** The environment's values, and the hashing secret it names read from Secrets Manager. */
  static ConsultationsConfig fromEnvironment() {
    try (DeploymentSecrets secrets = DeploymentSecrets.fromEnvironment()) {
      return new ConsultationsConfig(
          Env.require("CONSULTATIONS_TABLE"),
          Env.optional("THANK_YOU_URL"),
          Duration.ofDays(Long.parseLong(Env.require("RETENTION_DAYS"))),
          secrets.current("HASHING_SECRET_ARN"),
          Env.require("ORIGIN_VERIFY"));
    }
  }

  /** A record prints every component; the secret must not reach a log line or an error message. */
  @Override
  public String toString() {
    return "ConsultationsConfig[table=" + table + ", thankYouUrl=" + thankYouUrl + ", retention=" + retention
        + ", hashingSecret=(hidden), originVerify=" + originVerify + "]";
  }
}
