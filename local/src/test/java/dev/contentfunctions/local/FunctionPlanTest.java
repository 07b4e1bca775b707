package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FunctionPlanTest {
  private static final CloudFormationTemplate TEMPLATE = TestTemplates.load("api-template.yaml");

  private final FunctionPlan plan =
      FunctionPlan.of(TEMPLATE, HttpApiRoutes.fromTemplate(TEMPLATE), Set.of());

  @Test
  void hostsFunctionsWithALocalTriggerAndAHandlerOnTheClasspath() {
    assertThat(plan.hosted())
        .extracting(FunctionDefinition::logicalId)
        .containsExactly("EchoFunction");
  }

  @Test
  void saysWhyTheOthersAreNotRun() {
    assertThat(plan.notHosted().get("UnwrittenFunction"))
        .contains("dev.contentfunctions.nowhere.UnwrittenHandler", "local/pom.xml");
    assertThat(plan.notHosted().get("StreamFunction")).contains("DynamoDB");
  }

  @Test
  void functionWithAnEventQueueIsHostedToo() {
    assertThat(
            FunctionPlan.of(
                    TEMPLATE, HttpApiRoutes.of(java.util.List.of()), Set.of("StreamFunction"))
                .hosted())
        .extracting(FunctionDefinition::logicalId)
        .containsExactly("StreamFunction");
  }
}
