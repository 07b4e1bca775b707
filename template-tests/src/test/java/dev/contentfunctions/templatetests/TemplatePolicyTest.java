package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security rules template.yaml keeps, read from the template itself (cfn-lint does not check them).
 */
class TemplatePolicyTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());

  static Stream<String> functions() {
    return TEMPLATE.propertiesByType("AWS::Serverless::Function").keySet().stream();
  }

  static Stream<String> tables() {
    return TEMPLATE.propertiesByType("AWS::DynamoDB::Table").keySet().stream();
  }

  static Stream<String> buckets() {
    return TEMPLATE.propertiesByType("AWS::S3::Bucket").keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void functionPoliciesNameEachActionAndResource(String function) {
    List<String> violations = new ArrayList<>();
    for (JsonNode policy : list(TEMPLATE.properties(function).path("Policies"))) {
      if (!policy.has("Statement")) {
        // A managed policy or SAM policy template hides its statements from this review.
        violations.add("not an inline policy statement: " + policy);
        continue;
      }
      for (JsonNode statement : list(policy.path("Statement"))) {
        if (!statement.path("Effect").asText().equals("Allow")) {
          continue;
        }
        String sid = statement.path("Sid").asText("(no Sid)");
        if (statement.has("NotAction") || statement.has("NotResource")) {
          violations.add(sid + " allows everything but a list (NotAction/NotResource)");
        }
        for (JsonNode action : list(statement.path("Action"))) {
          if (action.asText().contains("*")) {
            violations.add(sid + " allows the wildcard action " + action);
          }
        }
        for (JsonNode resource : list(statement.path("Resource"))) {
          if (resource.asText().equals("*")) {
            violations.add(sid + " allows every resource (\"*\")");
          }
        }
      }
    }
    assertThat(violations).as(function + " policies").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void tableHasPointInTimeRecoveryAndEncryption(String table) {
    JsonNode properties = TEMPLATE.properties(table);

    assertThat(
            properties
                .path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled")
                .asBoolean())
        .as(table + " PointInTimeRecoveryEnabled")
        .isTrue();
    assertThat(properties.path("SSESpecification").path("SSEEnabled").asBoolean())
        .as(table + " SSEEnabled")
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buckets")
  void bucketBlocksPublicAccess(String bucket) {
    JsonNode block = TEMPLATE.properties(bucket).path("PublicAccessBlockConfiguration");

    for (String setting :
        List.of(
            "BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
      assertThat(block.path(setting).asBoolean()).as(bucket + " " + setting).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buckets")
  void bucketPolicyDeniesInsecureTransport(String bucket) {
    List<JsonNode> denials = new ArrayList<>();
    for (Map.Entry<String, JsonNode> policy :
        TEMPLATE.propertiesByType("AWS::S3::BucketPolicy").entrySet()) {
      if (!policy.getValue().path("Bucket").path("Ref").asText().equals(bucket)) {
        continue;
      }
      for (JsonNode statement : list(policy.getValue().path("PolicyDocument").path("Statement"))) {
        if (statement.path("Effect").asText().equals("Deny")
            && statement.path("Principal").toString().contains("\"*\"")
            && list(statement.path("Action")).stream()
                .anyMatch(a -> a.asText().equals("s3:*") || a.asText().equals("*"))
            && statement
                .path("Condition")
                .path("Bool")
                .path("aws:SecureTransport")
                .asText()
                .equals("false")) {
          denials.add(statement.path("Resource"));
        }
      }
    }

    assertThat(denials)
        .as("%s: a bucket policy statement denying s3:* when aws:SecureTransport is false", bucket)
        .isNotEmpty()
        // The bucket itself and its objects (.../*): object requests are the ones that carry posts.
        .allSatisfy(
            resources -> assertThat(resources.toString()).contains("\"" + bucket).contains("/*"));
  }

  /** A policy element that may be one value or a list of them, as a list. */
  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else if (!node.isMissingNode() && !node.isNull()) {
      elements.add(node);
    }
    return elements;
  }
}
