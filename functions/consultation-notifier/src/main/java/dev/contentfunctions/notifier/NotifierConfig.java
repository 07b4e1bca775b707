package dev.contentfunctions.notifier;

import dev.contentfunctions.kit.Env;

/** The notifier's configuration, from the environment variables template.yaml sets. */
public record NotifierConfig(String topicArn) {
  public static NotifierConfig fromEnvironment() {
    return new NotifierConfig(Env.require("TOPIC_ARN"));
  }
}
