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
