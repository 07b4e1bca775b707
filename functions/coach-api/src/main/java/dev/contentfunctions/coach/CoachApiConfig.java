package dev.contentfunctions.coach;

import dev.contentfunctions.kit.Env;

/**
 * The coach API's configuration, from the environment variables template.yaml sets.
 *
 * @param consultationsTable the table booking requests are stored in
 * @param hashingSecret the deployment's secret for {@code SaltedHash}: finds a person's requests by
 *     e-mail address for erasure, and signs page cursors
 */
public record CoachApiConfig(String consultationsTable, String hashingSecret) {
  public static CoachApiConfig fromEnvironment() {
    return new CoachApiConfig(Env.require("CONSULTATIONS_TABLE"), Env.require("HASHING_SECRET"));
  }

  /** A record prints every component; the secret must not reach a log line or an error message. */
  @Override
  public String toString() {
    return "CoachApiConfig[consultationsTable=" + consultationsTable + ", hashingSecret=(hidden)]";
  }
}
