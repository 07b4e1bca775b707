package dev.contentfunctions.secrets;

import dev.contentfunctions.kit.Env;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.json.JsonReader;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The deployment's secrets, from Secrets Manager: a function's environment names a secret (its ARN,
 * {@code HASHING_SECRET_ARN}), never holds its value, so reading the function's configuration
 * ({@code lambda:GetFunctionConfiguration}) no longer reveals it; only the function's own role may
 * read the value ({@code secretsmanager:GetSecretValue} on that ARN).
 *
 * <p>Read once per container, at init (with SnapStart: before the snapshot, see template.yaml), with
 * a client built for that and closed afterwards: one GetSecretValue per secret and container. A
 * secret changed later reaches new containers only (docs/secrets.md says what rotation takes).
 */
public final class DeploymentSecrets implements AutoCloseable {
  /** The label Secrets Manager moves to the version a new one replaced. */
  static final String PREVIOUS = "AWSPREVIOUS";

  private final SecretsManagerClient client;
  private final boolean owned;

  /** Reads with {@code client}, which stays the caller's (tests: moto's). */
  public DeploymentSecrets(SecretsManagerClient client) {
    this(client, false);
  }

  private DeploymentSecrets(SecretsManagerClient client, boolean owned) {
    this.client = client;
    this.owned = owned;
  }

  /**
   * A reader with the functions' shared client settings (URL-connection client, region from
   * {@code AWS_REGION}, the interactive timeouts: init waits on it), closed by {@link #close()}.
   */
  public static DeploymentSecrets fromEnvironment() {
    return new DeploymentSecrets(
        AwsClients.configure(SecretsManagerClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(), true);
  }

  /** The current value of the secret the environment variable names (its ARN). */
  public String current(String variable) {
    return currentOf(Env.require(variable));
  }

  /** The value the secret the environment variable names had before its last change: {@link #previousOf}. */
  public Optional<String> previous(String variable) {
    return previousOf(Env.require(variable));
  }

  /** The current value (the version labelled AWSCURRENT) of the secret {@code secretId} (its ARN or name). */
  public String currentOf(String secretId) {
    return client.getSecretValue(r -> r.secretId(secretId)).secretString();
  }

  /**
   * The value the current one replaced (the version labelled AWSPREVIOUS), or empty when the secret
   * was never changed. For matching what was hashed before a change, never for anything new.
   */
  public Optional<String> previousOf(String secretId) {
    try {
      GetSecretValueResponse previous =
          client.getSecretValue(r -> r.secretId(secretId).versionStage(PREVIOUS));
      return Optional.ofNullable(previous.secretString());
    } catch (ResourceNotFoundException neverChanged) {
      return Optional.empty();
    }
  }

  /**
   * The preview token from its secret's JSON, {@code {"previewToken":"..."}}, or null when it is empty
   * (preview disabled). JSON because a secret cannot hold an empty string and the PreviewToken
   * parameter may be empty; its AllowedPattern keeps quotes and backslashes out of the JSON.
   */
  public static String previewToken(String secretString) {
    try {
      if (JsonReader.read(secretString) instanceof Map<?, ?> fields
          && fields.get("previewToken") instanceof String token) {
        return token.isBlank() ? null : token;
      }
    } catch (IOException notJson) {
      // reported below, without the value
    }
    throw new IllegalStateException(
        "The preview token's secret is not {\"previewToken\": \"...\"}; template.yaml writes it so.");
  }

  @Override
  public void close() {
    if (owned) {
      client.close();
    }
  }
}
