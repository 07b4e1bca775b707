package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * local/env.json (for `sam local invoke/start-api --env-vars`) names every function of the template
 * and sets every variable the template gives it, plus the local endpoint: so that a new function or
 * variable cannot be forgotten there.
 */
class SamLocalEnvTest {
  private static final Set<String> LOCAL_AWS = Set.of("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");

  @Test
  void envJsonCoversEveryFunctionAndVariable() throws IOException {
    JsonNode env = new ObjectMapper().readTree(RepoPaths.root().resolve("local/env.json").toFile());
    Set<String> functions = new TreeSet<>();
    for (FunctionDefinition function : CloudFormationTemplate.load(RepoPaths.template()).functions()) {
      functions.add(function.logicalId());
      Set<String> expected = new TreeSet<>(function.environment().keySet());
      expected.addAll(LOCAL_AWS);
      Set<String> actual = new TreeSet<>();
      env.path(function.logicalId()).fieldNames().forEachRemaining(actual::add);
      assertThat(actual).as(function.logicalId()).isEqualTo(expected);
    }
    Set<String> listed = new TreeSet<>();
    env.fieldNames().forEachRemaining(listed::add);
    assertThat(listed).isEqualTo(functions);
  }
}
