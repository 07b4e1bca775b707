package dev.contentfunctions.coach;

import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coach's routes are declared twice: in the handler's router ({@link CoachRoute}) and in
 * template.yaml. A route missing from the template is unreachable; one in the template but not the
 * router is a 404; one without AWS_IAM would be open to anyone but for the handler's own check.
 */
class CoachRoutesMatchTemplateTest {
  private static final String FUNCTION = "CoachApiFunction";

  private static FunctionDefinition function;
  private static List<FunctionDefinition.Event> httpApiEvents;

  @BeforeAll
  static void load() {
    function =
        CloudFormationTemplate.load(RepoPaths.template()).functions().stream()
            .filter(f -> f.logicalId().equals(FUNCTION))
            .findFirst()
            .orElseThrow(() -> new AssertionError("template.yaml has no " + FUNCTION));
    httpApiEvents = function.events().stream().filter(e -> e.type().equals("HttpApi")).toList();
  }

  @Test
  void templateAndRouterDeclareTheSameMethodsAndPaths() {
    Set<String> template =
        httpApiEvents.stream()
            .map(e -> e.properties().path("Method").asText() + " " + e.properties().path("Path").asText())
            .collect(toCollection(TreeSet::new));
    Set<String> router = Arrays.stream(CoachRoute.values()).map(CoachRoute::key).collect(toCollection(TreeSet::new));

    assertThat(template).isEqualTo(router);
    assertThat(function.events()).hasSameSizeAs(httpApiEvents);
  }

  @Test
  void everyRouteIsIamAuthorised() {
    assertThat(httpApiEvents)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.properties().path("Auth").path("Authorizer").asText()).as(e.name()).isEqualTo("AWS_IAM"));
  }

  @Test
  void templateRunsThisHandlerFromThisModulesPackageWithItsConfiguration() {
    assertThat(function.handler()).isEqualTo(CoachApiHandler.class.getName() + "::handleRequest");
    assertThat(function.codeUri()).isEqualTo("functions/coach-api/target/coach-api.zip");
    assertThat(function.environment()).containsKeys("CONSULTATIONS_TABLE", "HASHING_SECRET_ARN");
  }
}
