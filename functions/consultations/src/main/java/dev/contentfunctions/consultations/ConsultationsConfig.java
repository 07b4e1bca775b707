package dev.contentfunctions.consultations;

import dev.contentfunctions.kit.Env;
import java.time.Duration;

/** The booking function's configuration, from the environment variables template.yaml sets. */
record ConsultationsConfig(String table, String thankYouUrl, Duration retention, String hashingSecret) {
  static ConsultationsConfig fromEnvironment() {
    return new ConsultationsConfig(
        Env.require("CONSULTATIONS_TABLE"),
        Env.require("THANK_YOU_URL"),
        Duration.ofDays(Long.parseLong(Env.require("RETENTION_DAYS"))),
        Env.require("HASHING_SECRET"));
  }
}
