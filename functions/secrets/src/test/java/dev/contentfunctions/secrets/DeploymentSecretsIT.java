package dev.contentfunctions.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The template's two secrets created in moto as the local run creates them, read as the functions
 * read them at init: the current value, the one a change replaced (AWSPREVIOUS), the preview token's
 * JSON.
 */
class DeploymentSecretsIT {
  private static final MotoServer MOTO = MotoServer.shared();
  private static final TemplateResources RESOURCES =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), MOTO);
  private static final String FIRST = "first-hashing-value-for-a-test-0123456789";
  private static final String SECOND = "second-hashing-value-for-a-test-0123456789";

  private final SecretsManagerClient client = MOTO.secretsManager();

  @Test
  void readsTheCurrentValueAndNoPreviousOneBeforeAnyChange() {
    String arn = RESOURCES.createSecret("HashingSecretValue", TemplateResources.uniqueName("hashing"), FIRST);
    DeploymentSecrets secrets = new DeploymentSecrets(client);

    assertThat(secrets.currentOf(arn)).isEqualTo(FIRST);
    assertThat(secrets.previousOf(arn)).isEmpty();
  }

  @Test
  void afterAChangeTheCurrentValueIsTheNewOneAndThePreviousTheOneItReplaced() {
    String arn = RESOURCES.createSecret("HashingSecretValue", TemplateResources.uniqueName("hashing"), FIRST);
    // What CloudFormation does when the HashingSecret parameter changes (UpdateSecret).
    client.putSecretValue(r -> r.secretId(arn).secretString(SECOND));
    DeploymentSecrets secrets = new DeploymentSecrets(client);

    assertThat(secrets.currentOf(arn)).isEqualTo(SECOND);
    assertThat(secrets.previousOf(arn)).contains(FIRST);
  }

  @Test
  void thePreviewTokensJsonGivesTheTokenOrNullWhenEmpty() {
    assertThat(DeploymentSecrets.previewToken("{\"previewToken\":\"local-preview-token-not-a-secret\"}"))
        .isEqualTo("local-preview-token-not-a-secret");
    assertThat(DeploymentSecrets.previewToken("{\"previewToken\":\"\"}")).isNull();
    assertThatThrownBy(() -> DeploymentSecrets.previewToken("a-bare-token-not-json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("a-bare-token-not-json");
  }

  @Test
  void onlyTheTemplatesSecretsCanBeCreated() {
    assertThatThrownBy(() -> RESOURCES.createSecret("PostsTable", TemplateResources.uniqueName("x"), FIRST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a AWS::SecretsManager::Secret");
  }
}
