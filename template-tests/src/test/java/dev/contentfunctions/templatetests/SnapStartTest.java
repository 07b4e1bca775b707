package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * SnapStart where a visitor waits and traffic keeps the snapshot active (the read API, primed by
 * SnapStartPriming), and nowhere else (see the comment in template.yaml); only with the managed
 * packaging (Packaging managed, issue 17).
 */
class SnapStartTest {
  private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load(RepoPaths.template());

  @Test
  void onlyTheReadApiUsesSnapStartThroughItsPublishedAlias() {
    Map<String, String> snapStart = new TreeMap<>();
    TEMPLATE.propertiesByType("AWS::Serverless::Function")
        .forEach((id, properties) -> snapStart.put(id, managed(properties.path("SnapStart")).path("ApplyOn").asText("None")));

    assertThat(snapStart)
        .containsEntry("PostsApiFunction", "PublishedVersions")
        .allSatisfy((id, applyOn) -> assertThat(applyOn).isIn(id.equals("PostsApiFunction") ? "PublishedVersions" : "None"));
    // SnapStart applies to published versions only: API Gateway must invoke the alias SAM publishes.
    JsonNode postsApi = TEMPLATE.properties("PostsApiFunction");
    assertThat(postsApi.path("AutoPublishAlias").asText()).isNotBlank();
  }

  /** provided.al2023 has no SnapStart: with Packaging fast-start, no function asks for it. */
  @Test
  void noSnapStartWithTheFastStartPackaging() {
    TEMPLATE.propertiesByType("AWS::Serverless::Function").forEach((id, properties) -> {
      JsonNode snapStart = properties.path("SnapStart");
      if (!snapStart.isMissingNode()) {
        assertThat(snapStart.path("Fn::If").path(0).asText()).as(id + " SnapStart depends on FastStart").isEqualTo("FastStart");
        assertThat(snapStart.path("Fn::If").path(1).path("Ref").asText()).as(id + " SnapStart with fast start").isEqualTo("AWS::NoValue");
      }
    });
  }

  /** A property as the managed packaging has it: the "else" of {@code !If [FastStart, ...]}. */
  static JsonNode managed(JsonNode value) {
    JsonNode branches = value.path("Fn::If");
    return branches.isArray() && branches.path(0).asText().equals("FastStart") ? branches.path(2) : value;
  }
}
