package dev.contentfunctions.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** template.yaml, docs/openapi.yaml and the code agree on the booking endpoint. */
class ConsultationsContractTest {
  @Test
  void templateRoutesPostConsultationsToThisHandler() {
    var function =
        CloudFormationTemplate.load(RepoPaths.template()).functions().stream()
            .filter(f -> f.logicalId().equals("ConsultationsFunction"))
            .findFirst()
            .orElseThrow();

    assertThat(function.handler()).isEqualTo(ConsultationsHandler.class.getName() + "::handleRequest");
    assertThat(function.events())
        .singleElement()
        .satisfies(e -> {
          assertThat(e.properties().path("Path").asText()).isEqualTo("/consultations");
          assertThat(e.properties().path("Method").asText()).isEqualTo("POST");
        });
  }

  @Test
  void openApiDocumentsEveryFieldAndAnswer() throws IOException {
    JsonNode openApi = new ObjectMapper(new YAMLFactory()).readTree(RepoPaths.root().resolve("docs/openapi.yaml").toFile());
    JsonNode post = openApi.path("paths").path("/consultations").path("post");
    List<String> fields = new ArrayList<>();
    openApi.path("components").path("schemas").path("ConsultationRequest").path("properties").fieldNames().forEachRemaining(fields::add);
    List<String> statuses = new ArrayList<>();
    post.path("responses").fieldNames().forEachRemaining(statuses::add);

    assertThat(fields)
        .containsExactlyInAnyOrder("name", "email", "phone", "message", "preferredTimes", "timezone", "consent", RequestValidator.HONEYPOT);
    assertThat(statuses).containsExactlyInAnyOrder("201", "303", "400", "405", "413", "415", "422", "429", "503", "500");
    assertThat(post.path("requestBody").path("content").has("application/x-www-form-urlencoded")).isTrue();
  }
}
