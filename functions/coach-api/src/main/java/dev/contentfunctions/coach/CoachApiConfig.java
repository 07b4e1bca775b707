package dev.contentfunctions.coach;

import dev.contentfunctions.kit.Env;
import dev.contentfunctions.secrets.DeploymentSecrets;

/**
 * The coach API's configuration, from the environment variables template.yaml sets.
 *
 * @param consultationsTable the table booking requests are stored in
 * @param hashingSecret the deployment's secret for {@code SaltedHash}: finds a person's requests by
 *     e-mail address for erasure, and signs page cursors
 * @param previousHashingSecret the value {@code hashingSecret} replaced (Secrets Manager's
 *     AWSPREVIOUS), or null when it never changed: erasure also looks for requests hashed with it
 */
public record CoachApiConfig(String consultationsTable, String hashingSecret, String previousHashingSecret) {
  public CoachApiConfig(String consultationsTable, String hashingSecret) {
    this(consultationsTable, hashingSecret, null);
  }

  /** The table from the environment, the secret's current and previous values from Secrets Manager. */
  public static CoachApiConfig fromEnvironment() {
    try (DeploymentSecrets secrets = DeploymentSecrets.fromEnvironment()) {
      return new CoachApiConfig(
          Env.require("CONSULTATIONS_TABLE"),
          secrets.current("HASHING_SECRET_ARN"),
          secrets.previous("HASHING_SECRET_ARN").orElse(null));
    }
  }

  /** A record prints every component; the secrets must not reach a log line or an error message. */
  @Override
  public String toString() {
    return "CoachApiConfig[consultationsTable=" + consultationsTable + ", hashingSecret=(hidden)"
        + ", previousHashingSecret=" + (previousHashingSecret == null ? "none" : "(hidden)") + "]";
  }
}
