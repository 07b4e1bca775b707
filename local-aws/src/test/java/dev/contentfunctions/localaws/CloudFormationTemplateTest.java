package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudFormationTemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readsShortFormIntrinsicsAsTheirLongForm() throws IOException {
    CloudFormationTemplate template =
        write(
            """
            Resources:
              Thing:
                Type: Custom::Thing
                Properties:
                  Name: !Ref Other
                  Arn: !GetAtt Db.Endpoint.Address
                  Url: !Sub "https://${Api}.example"
                  Pair: !Sub ["${A}-x", {A: !Ref B}]
                  Choice: !If [IsProd, !Join [",", [a, b]], !Ref "AWS::NoValue"]
                  Tagged: !!str 42
                  Count: 3
                  Flag: true
                  Nothing: ~
            """);

    assertThat(template.properties("Thing"))
        .isEqualTo(
            json(
                """
                {"Name": {"Ref": "Other"},
                 "Arn": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                 "Url": {"Fn::Sub": "https://${Api}.example"},
                 "Pair": {"Fn::Sub": ["${A}-x", {"A": {"Ref": "B"}}]},
                 "Choice": {"Fn::If": ["IsProd", {"Fn::Join": [",", ["a", "b"]]}, {"Ref": "AWS::NoValue"}]},
                 "Tagged": "42",
                 "Count": 3,
                 "Flag": true,
                 "Nothing": null}
                """));
  }

  @Test
  void functionsMergeGlobalEnvironmentAndListEvents() throws IOException {
    CloudFormationTemplate template =
        write(
            """
            Globals:
              Function:
                Handler: a.Default::handleRequest
                Environment:
                  Variables:
                    SHARED: global
                    OVERRIDDEN: global
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: fn/target/fn.zip
                  Environment:
                    Variables:
                      OVERRIDDEN: !Ref Table
                  Events:
                    Upload:
                      Type: S3
                      Properties:
                        Bucket: !Ref Bucket
                        Events: s3:ObjectCreated:*
              Table:
                Type: AWS::DynamoDB::Table
            """);

    assertThat(template.functions())
        .singleElement()
        .satisfies(
            fn -> {
              assertThat(fn.logicalId()).isEqualTo("Fn");
              assertThat(fn.codeUri()).isEqualTo("fn/target/fn.zip");
              assertThat(fn.handler()).isEqualTo("a.Default::handleRequest");
              assertThat(fn.environment())
                  .containsEntry("SHARED", json("\"global\""))
                  .containsEntry("OVERRIDDEN", json("{\"Ref\": \"Table\"}"))
                  .hasSize(2);
              assertThat(fn.events())
                  .singleElement()
                  .satisfies(
                      event -> {
                        assertThat(event.name()).isEqualTo("Upload");
                        assertThat(event.type()).isEqualTo("S3");
                        assertThat(event.properties().path("Bucket"))
                            .isEqualTo(json("{\"Ref\": \"Bucket\"}"));
                      });
            });
    assertThat(template.propertiesByType("AWS::DynamoDB::Table")).containsOnlyKeys("Table");
    assertThat(template.properties("Table").isEmpty()).isTrue();
  }

  @Test
  void unknownResourceIsAnError() throws IOException {
    CloudFormationTemplate template = write("Resources: {}\n");

    assertThatThrownBy(() -> template.properties("Missing"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No resource Missing");
  }

  @Test
  void readsTheRepositoryTemplate() {
    CloudFormationTemplate template = CloudFormationTemplate.load(RepoPaths.template());

    assertThat(template.type("PostsTable")).isEqualTo("AWS::DynamoDB::Table");
    assertThat(template.functions())
        .filteredOn(fn -> fn.logicalId().equals("PublisherFunction"))
        .singleElement()
        .satisfies(
            fn -> {
              assertThat(fn.codeUri()).endsWith(".zip");
              assertThat(fn.handler()).contains("::");
              assertThat(fn.environment())
                  .containsEntry("POSTS_TABLE", json("{\"Ref\": \"PostsTable\"}"));
              assertThat(fn.events()).anyMatch(event -> event.type().equals("S3"));
            });
  }

  private CloudFormationTemplate write(String yaml) throws IOException {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, yaml);
    return CloudFormationTemplate.load(file);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
