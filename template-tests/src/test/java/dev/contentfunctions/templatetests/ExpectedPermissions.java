package dev.contentfunctions.templatetests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything each function's IAM role may do, as CloudFormation receives the role after SAM's
 * transform: the template's own statements, the statements SAM adds for failure destinations, and
 * the AWS managed policies SAM attaches. {@link FunctionRolesIT} holds the template to this table,
 * so a new permission is a deliberate change here too.
 */
final class ExpectedPermissions {

  /**
   * AWS managed; SAM attaches it to every function's role. Grants logs:CreateLogGroup,
   * logs:CreateLogStream and logs:PutLogEvents on "*" (every log group of the account).
   */
  static final String BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole";

  /**
   * AWS managed; SAM attaches it for a DynamoDB stream event. Grants dynamodb:DescribeStream,
   * dynamodb:GetRecords, dynamodb:GetShardIterator, dynamodb:ListStreams, logs:CreateLogGroup,
   * logs:CreateLogStream and logs:PutLogEvents on "*" (every stream and log group of the account).
   */
  static final String DYNAMODB_EXECUTION = "service-role/AWSLambdaDynamoDBExecutionRole";

  /**
   * AWS managed; SAM attaches it to every function's role because Globals.Function sets Tracing
   * (whichever value the Tracing parameter takes). Grants xray:PutTraceSegments,
   * xray:PutTelemetryRecords, xray:GetSamplingRules, xray:GetSamplingTargets and
   * xray:GetSamplingStatisticSummaries on "*": write-only, no trace can be read.
   */
  static final String XRAY_WRITE = "AWSXrayWriteOnlyAccess";

  /** The content bucket by name: see ContentBucket's BucketName for why not by reference. */
  private static final String CONTENT_BUCKET =
      "!Sub arn:${AWS::Partition}:s3:::${AWS::StackName}-content-${AWS::AccountId}";

  private static final String POSTS_TABLE = "!GetAtt PostsTable.Arn";
  private static final String CONSULTATIONS_TABLE = "!GetAtt ConsultationsTable.Arn";
  private static final String HASHING_SECRET = "!Ref HashingSecretValue";

  static final Map<String, Role> BY_FUNCTION =
      Map.of(
          "PublisherFunction",
          new Role(
              Set.of(BASIC_EXECUTION, XRAY_WRITE),
              allow("s3:GetObject s3:GetObjectVersion", CONTENT_BUCKET + "/posts/*", CONTENT_BUCKET + "/media/*"),
              allow("s3:PutObject s3:PutObjectTagging", "!Sub ${MediaBucket.Arn}/media/*"),
              allow("s3:PutObject", CONTENT_BUCKET + "/reports/*"),
              allow(
                  "dynamodb:GetItem dynamodb:BatchGetItem dynamodb:PutItem dynamodb:DeleteItem dynamodb:ConditionCheckItem",
                  POSTS_TABLE),
              allow("dynamodb:Query", POSTS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [CLAIM#*, IMAGEREF#*]"),
              // The author's notices, on that topic only.
              allow("sns:Publish", "!Ref AuthorTopic"),
              // Added by SAM for EventInvokeConfig's OnFailure destination.
              allow("sqs:SendMessage", "!GetAtt PublishFailureQueue.Arn")),
          "PostsApiFunction",
          new Role(
              Set.of(BASIC_EXECUTION, XRAY_WRITE),
              // BatchGetItem: the feed reads its posts' bodies in one call.
              allow(
                  "dynamodb:GetItem dynamodb:BatchGetItem dynamodb:Query",
                  POSTS_TABLE,
                  "!Sub ${PostsTable.Arn}/index/ByDate"),
              // The preview token and the cursors' key, at init; no other secret.
              allow("secretsmanager:GetSecretValue", "!Ref PreviewTokenValue", HASHING_SECRET)),
          "ConsultationsFunction",
          new Role(
              Set.of(BASIC_EXECUTION, XRAY_WRITE),
              allow("dynamodb:PutItem", CONSULTATIONS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [REQ#*, IDEM#*]"),
              allow("dynamodb:UpdateItem", CONSULTATIONS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [RATE#*]"),
              allow("dynamodb:GetItem", CONSULTATIONS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [IDEM#*]"),
              allow("secretsmanager:GetSecretValue", HASHING_SECRET)),
          "ConsultationNotifierFunction",
          new Role(
              Set.of(BASIC_EXECUTION, DYNAMODB_EXECUTION, XRAY_WRITE),
              allow("sns:Publish", "!Ref CoachNotificationTopic"),
              // Added by SAM for the stream event's OnFailure destination.
              allow("sqs:SendMessage", "!GetAtt NotificationFailureQueue.Arn")),
          "CoachApiFunction",
          new Role(
              Set.of(BASIC_EXECUTION, XRAY_WRITE),
              allow(
                  "dynamodb:Query",
                  "!Sub ${ConsultationsTable.Arn}/index/ByStatus",
                  "!Sub ${ConsultationsTable.Arn}/index/ByEmail"),
              allow("dynamodb:UpdateItem dynamodb:DeleteItem", CONSULTATIONS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [REQ#*]"),
              // Erasure: the idempotency and repeat items and the e-mail's counters of the person.
              allow("dynamodb:DeleteItem", CONSULTATIONS_TABLE)
                  .when("ForAllValues:StringLike dynamodb:LeadingKeys [IDEM#*, RATE#email#*]"),
              // Its current and previous values (erasure after a change), never the preview token.
              allow("secretsmanager:GetSecretValue", HASHING_SECRET)));

  private ExpectedPermissions() {}

  /**
   * A role: the AWS managed policies attached to it (by name, as after {@code
   * arn:aws:iam::aws:policy/}) and its own Allow statements.
   */
  record Role(Set<String> managedPolicies, List<Grant> grants) {
    Role(Set<String> managedPolicies, Grant... grants) {
      this(managedPolicies, List.of(grants));
    }
  }

  /**
   * An Allow statement without its Sid. Resources are written as in template.yaml ({@code !Ref X},
   * {@code !GetAtt X.Arn}, {@code !Sub ...}); the condition as {@code operator key [values]}, or
   * empty.
   */
  record Grant(Set<String> actions, Set<String> resources, String condition) {
    Grant when(String condition) {
      return new Grant(actions, resources, condition);
    }

    /** The statement of a policy document (long-form intrinsics, as read or transformed). */
    static Grant of(JsonNode statement) {
      Set<String> actions = new TreeSet<>();
      elements(statement.path("Action")).forEach(action -> actions.add(action.asText()));
      Set<String> resources = new TreeSet<>();
      elements(statement.path("Resource")).forEach(resource -> resources.add(describe(resource)));
      List<String> conditions = new ArrayList<>();
      statement
          .path("Condition")
          .properties()
          .forEach(
              operator ->
                  operator
                      .getValue()
                      .properties()
                      .forEach(
                          key ->
                              conditions.add(
                                  operator.getKey()
                                      + " "
                                      + key.getKey()
                                      + " "
                                      + elements(key.getValue()).stream()
                                          .map(JsonNode::asText)
                                          .toList())));
      return new Grant(actions, resources, String.join("; ", conditions));
    }
  }

  private static Grant allow(String actions, String... resources) {
    return new Grant(
        new TreeSet<>(List.of(actions.split(" "))), new TreeSet<>(List.of(resources)), "");
  }

  /** A value as template.yaml writes it: a literal, or the short form of an intrinsic function. */
  static String describe(JsonNode value) {
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.path("Ref").isTextual()) {
      return "!Ref " + value.get("Ref").asText();
    }
    if (value.path("Fn::GetAtt").isArray()) {
      return "!GetAtt "
          + String.join(
              ".", elements(value.get("Fn::GetAtt")).stream().map(JsonNode::asText).toList());
    }
    if (value.path("Fn::Sub").isTextual()) {
      return "!Sub " + value.get("Fn::Sub").asText();
    }
    return value.toString();
  }

  /** A policy element that may be one value or a list of them, as a list. */
  static List<JsonNode> elements(JsonNode node) {
    List<JsonNode> elements = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(elements::add);
    } else if (!node.isMissingNode() && !node.isNull()) {
      elements.add(node);
    }
    return elements;
  }
}
