package dev.contentfunctions.templatetests;

import static dev.contentfunctions.templatetests.ExpectedPermissions.describe;
import static dev.contentfunctions.templatetests.ExpectedPermissions.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.templatetests.ExpectedPermissions.Grant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's IAM role as CloudFormation receives it, after SAM's transform (which adds
 * statements and managed policies of its own for event sources and destinations), against {@link
 * ExpectedPermissions}.
 */
class FunctionRolesIT {

  private static final String MANAGED_POLICY = ":iam::aws:policy/";

  private static JsonNode resources;

  @BeforeAll
  static void transformTemplate(@TempDir Path dir) throws Exception {
    resources = SamTransform.resources(dir);
  }

  static Stream<String> functions() {
    return CloudFormationTemplate.load(RepoPaths.template())
        .propertiesByType("AWS::Serverless::Function")
        .keySet()
        .stream();
  }

  @Test
  void everyFunctionHasAnEntryInTheTable() {
    assertThat(ExpectedPermissions.BY_FUNCTION.keySet())
        .containsExactlyInAnyOrderElementsOf(functions().toList());
  }

  @Test
  void functionRolesAreTheOnlyIamResources() {
    Set<String> iam = new TreeSet<>();
    for (Map.Entry<String, JsonNode> resource : resources.properties()) {
      if (resource.getValue().path("Type").asText().startsWith("AWS::IAM::")) {
        iam.add(resource.getKey());
      }
    }

    // A policy attached to a role from outside it would grant what the table does not show.
    assertThat(iam).isEqualTo(new TreeSet<>(functions().map(FunctionRolesIT::roleOf).toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void roleGrantsExactlyTheExpectedPermissions(String function) {
    ExpectedPermissions.Role expected = ExpectedPermissions.BY_FUNCTION.get(function);
    assertThat(expected).as(function + " in ExpectedPermissions.BY_FUNCTION").isNotNull();
    JsonNode role = resources.path(roleOf(function));
    assertThat(role.path("Type").asText()).as(function + "'s role").isEqualTo("AWS::IAM::Role");

    Set<String> managed = new TreeSet<>();
    for (JsonNode arn : elements(role.path("Properties").path("ManagedPolicyArns"))) {
      String text = describe(arn);
      managed.add(text.substring(text.indexOf(MANAGED_POLICY) + MANAGED_POLICY.length()));
    }
    List<JsonNode> statements = new ArrayList<>();
    for (JsonNode policy : role.path("Properties").path("Policies")) {
      statements.addAll(elements(policy.path("PolicyDocument").path("Statement")));
    }

    assertThat(statements)
        .as("%s: Allow statements naming their actions and resources", function)
        .allSatisfy(
            statement -> {
              assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
              assertThat(statement.has("NotAction") || statement.has("NotResource")).isFalse();
            });
    assertThat(managed).as(function + " managed policies").isEqualTo(expected.managedPolicies());
    assertThat(statements.stream().map(Grant::of).toList())
        .as(function + " statements")
        .containsExactlyInAnyOrderElementsOf(expected.grants());
  }

  /** The logical id of the role SAM made for the function (its Role is !GetAtt <role>.Arn). */
  private static String roleOf(String function) {
    return resources
        .path(function)
        .path("Properties")
        .path("Role")
        .path("Fn::GetAtt")
        .path(0)
        .asText();
  }
}
