package dev.contentfunctions.templatetests;

import static dev.contentfunctions.templatetests.ExpectedPermissions.describe;
import static dev.contentfunctions.templatetests.ExpectedPermissions.elements;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security rules template.yaml keeps, read from the template itself (cfn-lint does not check them).
 */
class TemplatePolicyTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> RESOURCES = resourceIds();
  private static final Map<String, String> BUCKET_NAMES = bucketNames();

  /**
   * {@code ${Resource}} or {@code ${Resource.Attribute}} in a !Sub; pseudo parameters have "::".
   */
  private static final Pattern SUB_REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?}");

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
    for (JsonNode policy : elements(TEMPLATE.properties(function).path("Policies"))) {
      if (!policy.has("Statement")) {
        // A managed policy or SAM policy template hides its statements from this review.
        violations.add("not an inline policy statement: " + policy);
        continue;
      }
      for (JsonNode statement : elements(policy.path("Statement"))) {
        if (!statement.path("Effect").asText().equals("Allow")) {
          continue;
        }
        String sid = statement.path("Sid").asText("(no Sid)");
        if (statement.has("NotAction") || statement.has("NotResource")) {
          violations.add(sid + " allows everything but a list (NotAction/NotResource)");
        }
        for (JsonNode action : elements(statement.path("Action"))) {
          if (action.asText().contains("*")) {
            violations.add(sid + " allows the wildcard action " + action);
          }
        }
        for (JsonNode resource : elements(statement.path("Resource"))) {
          if (resource.asText().equals("*")) {
            violations.add(sid + " allows every resource (\"*\")");
          }
        }
      }
    }
    assertThat(violations).as(function + " policies").isEmpty();
  }

  /**
   * A function's policies reach only the tables, buckets, topics and queues it is wired to: by its
   * environment (the names its code uses), its event sources and its failure destinations.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void functionPoliciesReachOnlyTheResourcesItIsWiredTo(String function) {
    JsonNode properties = TEMPLATE.properties(function);
    Set<String> wired = new TreeSet<>();
    for (String wiring : List.of("Environment", "Events", "EventInvokeConfig")) {
      wired.addAll(resourcesNamedIn(properties.path(wiring)));
    }

    List<String> violations = new ArrayList<>();
    for (JsonNode policy : elements(properties.path("Policies"))) {
      for (JsonNode statement : elements(policy.path("Statement"))) {
        for (JsonNode resource : elements(statement.path("Resource"))) {
          Set<String> named = resourcesNamedIn(resource);
          if (named.isEmpty()) {
            violations.add(describe(resource) + " names no resource of the template");
          }
          named.stream()
              .filter(reached -> !wired.contains(reached))
              .forEach(reached -> violations.add(describe(resource) + " reaches " + reached));
        }
      }
    }
    assertThat(violations).as("%s policies, wired to %s", function, wired).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("functions")
  void functionLogsToALogGroupKeptForLogRetentionInDays(String function) {
    JsonNode logGroup = loggingConfigLogGroup(function);
    // Without LoggingConfig.LogGroup, Lambda writes to /aws/lambda/<function name>.
    Predicate<Map.Entry<String, JsonNode>> writtenTo =
        logGroup.isMissingNode()
            ? group ->
                group
                    .getValue()
                    .path("LogGroupName")
                    .equals(NODES.objectNode().put("Fn::Sub", "/aws/lambda/${" + function + "}"))
            : group ->
                logGroup.equals(NODES.objectNode().put("Ref", group.getKey()))
                    || logGroup.equals(group.getValue().path("LogGroupName"));

    assertThat(
            TEMPLATE.propertiesByType("AWS::Logs::LogGroup").entrySet().stream().filter(writtenTo))
        .as(
            "%s: the log group it writes to (LoggingConfig.LogGroup, else /aws/lambda/${%s})",
            function, function)
        .singleElement()
        .satisfies(
            group ->
                assertThat(group.getValue().path("RetentionInDays"))
                    .as(group.getKey() + " RetentionInDays")
                    .isEqualTo(NODES.objectNode().put("Ref", "LogRetentionInDays")));
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
      for (JsonNode statement :
          elements(policy.getValue().path("PolicyDocument").path("Statement"))) {
        if (statement.path("Effect").asText().equals("Deny")
            && statement.path("Principal").toString().contains("\"*\"")
            && elements(statement.path("Action")).stream()
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

  /** The function's LoggingConfig.LogGroup, else that of Globals; missing if neither sets one. */
  private static JsonNode loggingConfigLogGroup(String function) {
    JsonNode own = TEMPLATE.properties(function).path("LoggingConfig").path("LogGroup");
    return own.isMissingNode()
        ? TEMPLATE.root().path("Globals").path("Function").path("LoggingConfig").path("LogGroup")
        : own;
  }

  /**
   * The template's resources a value refers to: by !Ref, !GetAtt or ${...} in a !Sub, and a bucket
   * by its BucketName in an S3 ARN (the content bucket is named, not referenced: see the template).
   */
  private static Set<String> resourcesNamedIn(JsonNode value) {
    Set<String> named = new TreeSet<>();
    collectNames(value, named);
    named.retainAll(RESOURCES);
    return named;
  }

  private static void collectNames(JsonNode node, Set<String> named) {
    if (node.path("Ref").isTextual()) {
      named.add(node.get("Ref").asText());
    }
    if (node.path("Fn::GetAtt").isArray()) {
      named.add(node.get("Fn::GetAtt").path(0).asText());
    }
    JsonNode sub = node.path("Fn::Sub");
    String text =
        node.isTextual() ? node.asText() : sub.isArray() ? sub.path(0).asText() : sub.asText();
    Matcher reference = SUB_REFERENCE.matcher(text);
    while (reference.find()) {
      named.add(reference.group(1));
    }
    BUCKET_NAMES.forEach(
        (bucket, name) -> {
          String arn = ":s3:::" + name;
          if (text.endsWith(arn) || text.contains(arn + "/")) {
            named.add(bucket);
          }
        });
    node.forEach(child -> collectNames(child, named));
  }

  private static Set<String> resourceIds() {
    Set<String> ids = new TreeSet<>();
    TEMPLATE.root().path("Resources").fieldNames().forEachRemaining(ids::add);
    return ids;
  }

  /** Each bucket's logical id and its BucketName as written (a literal, or a !Sub's text). */
  private static Map<String, String> bucketNames() {
    Map<String, String> names = new LinkedHashMap<>();
    TEMPLATE
        .propertiesByType("AWS::S3::Bucket")
        .forEach(
            (bucket, properties) -> {
              JsonNode name = properties.path("BucketName");
              String text = name.isTextual() ? name.asText() : name.path("Fn::Sub").asText();
              if (!text.isEmpty()) {
                names.put(bucket, text);
              }
            });
    return names;
  }
}
