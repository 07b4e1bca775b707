package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Packaging parameter (issue 17): every function runs either on the managed java25 runtime on
 * arm64, or with its own fast-start layer (build/fast-start) on provided.al2023 and x86_64, the
 * architecture its JDK and AOT cache were built for; never a mix.
 */
class PackagingTest {
  private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load(RepoPaths.template());

  @Test
  void packagingIsAParameterOfTwoValuesAndFastStartItsCondition() {
    JsonNode packaging = TEMPLATE.root().path("Parameters").path("Packaging");
    assertThat(packaging.path("AllowedValues")).extracting(JsonNode::asText).containsExactly("managed", "fast-start");
    assertThat(packaging.path("Default").asText()).isIn("managed", "fast-start");
    JsonNode condition = TEMPLATE.root().path("Conditions").path("FastStart").path("Fn::Equals");
    assertThat(condition.path(0).path("Ref").asText()).isEqualTo("Packaging");
    assertThat(condition.path(1).asText()).isEqualTo("fast-start");
  }

  @Test
  void runtimeAndArchitectureFollowThePackaging() {
    JsonNode globals = TEMPLATE.root().path("Globals").path("Function");
    assertThat(ifFastStart(globals.path("Runtime"))).containsExactly("provided.al2023", "java25");
    assertThat(globals.path("Architectures")).hasSize(1);
    assertThat(ifFastStart(globals.path("Architectures").path(0))).containsExactly("x86_64", "arm64");
    TEMPLATE.propertiesByType("AWS::Serverless::Function").forEach((id, properties) -> {
      assertThat(properties.has("Runtime")).as(id + " takes Runtime from Globals").isFalse();
      assertThat(properties.has("Architectures")).as(id + " takes Architectures from Globals").isFalse();
    });
  }

  /** Each function has its own layer, built from its own zip, only with fast start, x86_64 only. */
  @Test
  void everyFunctionHasItsFastStartLayerOnlyWithFastStart() {
    Map<String, JsonNode> layers = TEMPLATE.propertiesByType("AWS::Serverless::LayerVersion");
    List<String> used = new ArrayList<>();
    TEMPLATE.propertiesByType("AWS::Serverless::Function").forEach((id, properties) -> {
      JsonNode layerList = properties.path("Layers");
      assertThat(layerList).as(id + " Layers").hasSize(1);
      JsonNode branches = layerList.path(0).path("Fn::If");
      assertThat(branches.path(0).asText()).as(id + " layer condition").isEqualTo("FastStart");
      assertThat(branches.path(2).path("Ref").asText()).as(id + " no layer when managed").isEqualTo("AWS::NoValue");
      String layer = branches.path(1).path("Ref").asText();
      assertThat(layers).as(id + " layer " + layer).containsKey(layer);
      used.add(layer);

      String codeUri = properties.path("CodeUri").asText();
      assertThat(codeUri).endsWith(".zip");
      JsonNode layerProperties = layers.get(layer);
      assertThat(layerProperties.path("ContentUri").asText()).isEqualTo(codeUri.replace(".zip", "-fast-start.zip"));
      assertThat(layerProperties.path("CompatibleArchitectures")).extracting(JsonNode::asText).containsExactly("x86_64");
      assertThat(layerProperties.path("CompatibleRuntimes")).extracting(JsonNode::asText).containsExactly("provided.al2023");
      assertThat(TEMPLATE.root().path("Resources").path(layer).path("Condition").asText()).isEqualTo("FastStart");
    });
    assertThat(used).as("every fast-start layer belongs to one function").doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(layers.keySet());
  }

  /** [then, else] of {@code !If [FastStart, then, else]}. */
  private static List<String> ifFastStart(JsonNode value) {
    JsonNode branches = value.path("Fn::If");
    assertThat(branches.path(0).asText()).as(value + " depends on FastStart").isEqualTo("FastStart");
    return List.of(branches.path(1).asText(), branches.path(2).asText());
  }
}
