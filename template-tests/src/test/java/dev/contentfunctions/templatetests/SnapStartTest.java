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
 * SnapStartPriming), and nowhere else (see the comment in template.yaml).
 */
class SnapStartTest {
  private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load(RepoPaths.template());

  @Test
  void onlyTheReadApiUsesSnapStartThroughItsPublishedAlias() {
    Map<String, String> snapStart = new TreeMap<>();
    TEMPLATE.propertiesByType("AWS::Serverless::Function")
        .forEach((id, properties) -> snapStart.put(id, properties.path("SnapStart").path("ApplyOn").asText("None")));

    assertThat(snapStart)
        .containsEntry("PostsApiFunction", "PublishedVersions")
        .allSatisfy((id, applyOn) -> assertThat(applyOn).isIn(id.equals("PostsApiFunction") ? "PublishedVersions" : "None"));
    // SnapStart applies to published versions only: API Gateway must invoke the alias SAM publishes.
    JsonNode postsApi = TEMPLATE.properties("PostsApiFunction");
    assertThat(postsApi.path("AutoPublishAlias").asText()).isNotBlank();
  }
}
