package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The template's secret parameters are NoEcho with no default, and the files that give parameter
 * values (samconfig.toml, local/parameters.properties) give them no real value: at most a {@link
 * KnownDummies} one. (The {@code --env-vars} file for {@code sam local} is no tracked file: each
 * local run writes it, with that run's secrets, under the git-ignored local/target/; local's
 * SamLocalEnvTest holds it there.)
 */
class SecretParametersTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());

  /** Parameter names that say the value is a secret. */
  private static final Pattern SECRET_NAME = Pattern.compile("(?i)secret|token|password|apikey");

  private static Set<String> secretParameters() {
    Set<String> secrets = new TreeSet<>();
    TEMPLATE
        .root()
        .path("Parameters")
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (SECRET_NAME.matcher(name).find()) {
                secrets.add(name);
              }
            });
    return secrets;
  }

  private static JsonNode parameter(String name) {
    return TEMPLATE.root().path("Parameters").path(name);
  }

  @Test
  void secretParametersAreNoEcho() {
    assertThat(secretParameters()).contains("PreviewToken", "HashingSecret");
    // NoEcho keeps the value out of the console, describe-stacks and the stack's events.
    assertThat(secretParameters())
        .allSatisfy(
            name -> assertThat(parameter(name).path("NoEcho").asBoolean()).as(name).isTrue());
  }

  @Test
  void secretParametersHaveNoDefaultValue() {
    // Empty is allowed: it switches the feature off (PreviewToken).
    assertThat(secretParameters())
        .allSatisfy(
            name ->
                assertThat(parameter(name).path("Default").asText(""))
                    .as(name + " Default")
                    .isEmpty());
  }

  /**
   * A secret parameter's value goes into a Secrets Manager secret and nowhere else: not into a
   * function's environment (readable with lambda:GetFunctionConfiguration), nor any other resource's
   * properties. Functions get the secret's ARN.
   */
  @Test
  void secretParametersReachOnlySecretsManagerSecrets() {
    Set<String> secrets = secretParameters();
    Set<String> holders = new TreeSet<>();
    TEMPLATE
        .root()
        .path("Resources")
        .properties()
        .forEach(
            resource -> {
              if (mentionsAny(resource.getValue(), secrets)) {
                holders.add(resource.getKey() + " " + resource.getValue().path("Type").asText());
              }
            });

    assertThat(holders)
        .containsExactlyInAnyOrder(
            "HashingSecretValue AWS::SecretsManager::Secret", "PreviewTokenValue AWS::SecretsManager::Secret");
    TEMPLATE
        .functions()
        .forEach(
            function ->
                assertThat(function.environment().keySet())
                    .as(function.logicalId() + "'s environment")
                    .doesNotContain("HASHING_SECRET", "PREVIEW_TOKEN"));
  }

  /** Whether {@code node} refers to one of {@code names} (!Ref, or ${name} in a !Sub). */
  private static boolean mentionsAny(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      JsonNode ref = node.path("Ref");
      if (ref.isTextual() && names.contains(ref.asText())) {
        return true;
      }
      JsonNode sub = node.path("Fn::Sub");
      String text = sub.isTextual() ? sub.asText() : sub.path(0).asText("");
      if (names.stream().anyMatch(name -> text.contains("${" + name + "}"))) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (mentionsAny(child, names)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void samconfigGivesNoSecretParameter() throws IOException {
    Path samconfig = RepoPaths.root().resolve("samconfig.toml");
    assumeTrue(Files.exists(samconfig), "no samconfig.toml");
    String text = Files.readString(samconfig);

    // Secrets are given at deploy time (--parameter-overrides), never by the repository.
    assertThat(secretParameters())
        .allSatisfy(name -> assertThat(text).as("samconfig.toml").doesNotContain(name));
  }

  @Test
  void localParametersGiveSecretParametersOnlyKnownDummies() throws IOException {
    Properties local = new Properties();
    try (Reader reader =
        Files.newBufferedReader(RepoPaths.root().resolve("local/parameters.properties"))) {
      local.load(reader);
    }

    assertThat(secretParameters())
        .filteredOn(local::containsKey)
        .allSatisfy(
            name ->
                assertThat(KnownDummies.REASONS)
                    .as("local/parameters.properties %s", name)
                    .containsKey(local.getProperty(name)));
  }
}
