package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API as SAM's transform builds it: every path no route takes reaches the pages. */
class SiteRoutesIT {

  private static JsonNode resources;

  @BeforeAll
  static void transformTemplate(@TempDir Path dir) throws Exception {
    resources = SamTransform.resources(dir);
  }

  @Test
  void theDefaultRouteReachesThePostsApiFunctionForEveryMethodWithoutIam() {
    JsonNode paths = resources.path("HttpApi").path("Properties").path("Body").path("paths");
    JsonNode route = paths.path("$default").path("x-amazon-apigateway-any-method");

    assertThat(route.path("isDefaultRoute").asBoolean()).isTrue();
    assertThat(route.path("x-amazon-apigateway-integration").path("type").asText()).isEqualTo("aws_proxy");
    assertThat(route.path("x-amazon-apigateway-integration").path("payloadFormatVersion").asText()).isEqualTo("2.0");
    // The alias SnapStart needs (AutoPublishAlias), like the function's other routes.
    assertThat(route.path("x-amazon-apigateway-integration").path("uri").path("Fn::Sub").asText())
        .endsWith("/functions/${PostsApiFunctionAliaslive}/invocations");
    assertThat(route.has("security")).as("the pages are public").isFalse();
  }

  @Test
  void apiGatewayMayInvokeThePagesFunction() {
    List<String> permitted = new ArrayList<>();
    for (Map.Entry<String, JsonNode> resource : resources.properties()) {
      JsonNode properties = resource.getValue().path("Properties");
      if (resource.getValue().path("Type").asText().equals("AWS::Lambda::Permission")
          && properties.path("Principal").asText().equals("apigateway.amazonaws.com")
          && properties.path("FunctionName").path("Ref").asText().equals("PostsApiFunctionAliaslive")) {
        permitted.add(resource.getKey());
      }
    }

    assertThat(permitted).contains("PostsApiFunctionPagesPermission");
  }
}
