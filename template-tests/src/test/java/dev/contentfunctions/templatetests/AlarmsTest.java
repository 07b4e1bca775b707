package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.contentfunctions.localaws.AlarmDefinition;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alarms of issue 14, read from template.yaml: each one watching what it should, with its
 * threshold, period and actions, none firing on a quiet night, and each explained in the README.
 */
class AlarmsTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonNode ALARM_TOPIC = NODES.objectNode().put("Ref", "AlarmTopic");

  /** What each alarm watches and when it fires: {@link AlarmDefinition#summary()}. */
  private static final Map<String, String> EXPECTED = expected();

  private static Map<String, String> expected() {
    Map<String, String> alarms = new LinkedHashMap<>();
    alarms.put(
        "PublishFailureQueueNotEmptyAlarm",
        "AWS/SQS ApproximateNumberOfMessagesVisible (Maximum) >= 1 in 1 of 1 x 5 min");
    alarms.put(
        "PublishFailureQueueAgeAlarm",
        "AWS/SQS ApproximateAgeOfOldestMessage (Maximum) >= 86400 s in 1 of 1 x 5 min");
    alarms.put(
        "NotificationFailureQueueNotEmptyAlarm",
        "AWS/SQS ApproximateNumberOfMessagesVisible (Maximum) >= 1 in 1 of 1 x 5 min");
    alarms.put(
        "NotificationFailureQueueAgeAlarm",
        "AWS/SQS ApproximateAgeOfOldestMessage (Maximum) >= 86400 s in 1 of 1 x 5 min");
    alarms.put(
        "NotificationsFailingAlarm",
        "ContentFunctions/${AWS::StackName} NotificationsFailed (Sum) >= 1 in 2 of 3 x 5 min");
    alarms.put(
        "NotificationsDelayedAlarm", "AWS/Lambda IteratorAge (Maximum) >= 600000 ms in 1 of 1 x 5 min");
    alarms.put(
        "CoachEmailDeliveryAlarm",
        "AWS/SNS NumberOfNotificationsFailed (Sum) >= 1 in 1 of 1 x 5 min");
    alarms.put(
        "HttpApi5xxRatioAlarm",
        "5xx answers, % of requests (0 below 20 requests) (Sum) >= 5 in 2 of 3 x 5 min");
    alarms.put("ThrottlesAlarm", "Throttles of the stack's functions (Sum) >= 1 in 1 of 1 x 5 min");
    for (String function :
        List.of("Publisher", "PostsApi", "Consultations", "ConsultationNotifier", "CoachApi")) {
      alarms.put(function + "ErrorsAlarm", "AWS/Lambda Errors (Sum) >= 1 in 1 of 1 x 5 min");
    }
    return alarms;
  }

  static Stream<AlarmDefinition> alarms() {
    return AlarmDefinition.all(TEMPLATE).stream();
  }

  @Test
  void theTemplateHasExactlyTheExpectedAlarms() {
    Map<String, String> actual = new LinkedHashMap<>();
    alarms()
        .forEach(
            alarm ->
                actual.put(
                    alarm.logicalId(), alarm.summary().substring(alarm.logicalId().length() + 2)));
    assertThat(actual).containsExactlyInAnyOrderEntriesOf(EXPECTED);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alarms")
  void alarmTellsTheAlarmTopicWhenItFiresAndWhenItClears(AlarmDefinition alarm) {
    assertThat(alarm.alarmActions()).as("AlarmActions").containsExactly(ALARM_TOPIC);
    assertThat(alarm.okActions()).as("OKActions").containsExactly(ALARM_TOPIC);
  }

  /**
   * A quiet night has no requests, no bookings and idle queues (SQS stops reporting an idle
   * queue's metrics after six hours): no data must never be a breach.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("alarms")
  void noDataIsNeverABreach(AlarmDefinition alarm) {
    assertThat(alarm.treatMissingData()).isEqualTo("notBreaching");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("alarms")
  void alarmIsNamedAfterTheStackAndSaysWhatToDo(AlarmDefinition alarm) {
    JsonNode properties = TEMPLATE.properties(alarm.logicalId());
    assertThat(properties.path("AlarmName").path("Fn::Sub").asText())
        .startsWith("${AWS::StackName}-");
    // The e-mail SNS sends carries the description: it must say what to do, not only what fired.
    assertThat(properties.path("AlarmDescription").asText()).hasSizeGreaterThan(80);
  }

  @Test
  void everyAlarmHasItsSentenceInTheReadme() throws IOException {
    String readme = Files.readString(RepoPaths.root().resolve("README.md"));
    int start = readme.indexOf("\n### Alarms and what to do");
    assertThat(start).as("README section 'Alarms and what to do'").isPositive();
    int end = readme.indexOf("\n#", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    assertThat(alarms().map(AlarmDefinition::logicalId))
        .allSatisfy(id -> assertThat(section).contains("`" + id + "`"));
  }

  /** The 5xx alarm is a ratio of API Gateway's own counts, and only once there is traffic. */
  @Test
  void the5xxAlarmIsARatioOverAMinimumOfRequests() {
    JsonNode metrics = TEMPLATE.properties("HttpApi5xxRatioAlarm").path("Metrics");
    Map<String, String> queries = new LinkedHashMap<>();
    for (JsonNode query : metrics) {
      queries.put(
          query.path("Id").asText(),
          query.has("Expression")
              ? query.get("Expression").asText()
              : query.at("/MetricStat/Metric/Namespace").asText()
                  + " "
                  + query.at("/MetricStat/Metric/MetricName").asText()
                  + " "
                  + query.at("/MetricStat/Metric/Dimensions/0/Name").asText()
                  + "="
                  + query.at("/MetricStat/Metric/Dimensions/0/Value"));
    }
    assertThat(queries)
        .containsExactly(
            Map.entry("requests", "AWS/ApiGateway Count ApiId={\"Ref\":\"HttpApi\"}"),
            Map.entry("errors", "AWS/ApiGateway 5xx ApiId={\"Ref\":\"HttpApi\"}"),
            Map.entry("ratio", "IF(requests >= 20, 100 * FILL(errors, 0) / requests, 0)"));
  }

  /** Throttles of any of the stack's functions, and of no other function of the account. */
  @Test
  void theThrottlesAlarmSumsEveryFunctionOfTheStack() {
    Set<String> throttled = new TreeSet<>();
    for (JsonNode query : TEMPLATE.properties("ThrottlesAlarm").path("Metrics")) {
      if (query.has("MetricStat")) {
        assertThat(query.at("/MetricStat/Metric/MetricName").asText()).isEqualTo("Throttles");
        throttled.add(query.at("/MetricStat/Metric/Dimensions/0/Value/Ref").asText());
      }
    }
    assertThat(throttled)
        .isEqualTo(new TreeSet<>(TEMPLATE.propertiesByType("AWS::Serverless::Function").keySet()));
  }

  @Test
  void everyFunctionHasAnErrorsAlarmOfItsOwn() {
    Set<String> watched =
        alarms()
            .filter(alarm -> alarm.watched().equals("AWS/Lambda Errors"))
            .map(
                alarm ->
                    TEMPLATE
                        .properties(alarm.logicalId())
                        .at("/Dimensions/0/Value/Ref")
                        .asText())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(watched)
        .isEqualTo(new TreeSet<>(TEMPLATE.propertiesByType("AWS::Serverless::Function").keySet()));
  }

  @Test
  void theQueueAlarmsWatchBothFailureQueues() {
    Map<String, String> queues = new LinkedHashMap<>();
    for (String alarm :
        List.of(
            "PublishFailureQueueNotEmptyAlarm",
            "PublishFailureQueueAgeAlarm",
            "NotificationFailureQueueNotEmptyAlarm",
            "NotificationFailureQueueAgeAlarm")) {
      JsonNode dimension = TEMPLATE.properties(alarm).at("/Dimensions/0");
      assertThat(dimension.path("Name").asText()).isEqualTo("QueueName");
      queues.put(alarm, dimension.at("/Value/Fn::GetAtt").toString());
    }
    assertThat(queues)
        .containsExactly(
            Map.entry("PublishFailureQueueNotEmptyAlarm", "[\"PublishFailureQueue\",\"QueueName\"]"),
            Map.entry("PublishFailureQueueAgeAlarm", "[\"PublishFailureQueue\",\"QueueName\"]"),
            Map.entry(
                "NotificationFailureQueueNotEmptyAlarm",
                "[\"NotificationFailureQueue\",\"QueueName\"]"),
            Map.entry(
                "NotificationFailureQueueAgeAlarm", "[\"NotificationFailureQueue\",\"QueueName\"]"));
  }

  /** Alarms on the functions' own metrics read names of the contract, from this stack's namespace. */
  @Test
  void customMetricAlarmsReadContractMetrics() {
    alarms()
        .filter(alarm -> alarm.watched().startsWith("ContentFunctions/"))
        .forEach(
            alarm -> {
              JsonNode properties = TEMPLATE.properties(alarm.logicalId());
              assertThat(properties.path("Namespace").path("Fn::Sub").asText())
                  .isEqualTo(MetricsContract.NAMESPACE);
              String metric = properties.path("MetricName").asText();
              assertThat(DashboardTest.listedMetrics()).contains(metric);
              Set<String> dimensions = new TreeSet<>();
              properties.path("Dimensions").forEach(d -> dimensions.add(d.path("Name").asText()));
              assertThat(dimensions).isEqualTo(MetricsContract.DIMENSIONS.get(metric));
              properties
                  .path("Dimensions")
                  .forEach(
                      d -> {
                        if (d.path("Name").asText().equals("Function")) {
                          assertThat(d.path("Value").asText()).isIn(MetricsContract.FUNCTIONS);
                        }
                      });
            });
  }

  /**
   * CloudWatch cannot use the AWS managed alias/aws/sns key: an alarm topic encrypted with it
   * drops every alarm. The topic's key must be the stack's own, and let CloudWatch use it.
   */
  @Test
  void theAlarmTopicIsEncryptedWithAKeyCloudWatchMayUse() {
    JsonNode topic = TEMPLATE.properties("AlarmTopic");
    assertThat(topic.path("KmsMasterKeyId").toString())
        .isEqualTo("{\"Fn::GetAtt\":[\"AlarmTopicKey\",\"Arn\"]}");
    assertThat(TEMPLATE.type("AlarmTopicKey")).isEqualTo("AWS::KMS::Key");
    JsonNode key = TEMPLATE.properties("AlarmTopicKey");
    assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
    List<JsonNode> cloudWatch =
        ExpectedPermissions.elements(key.path("KeyPolicy").path("Statement")).stream()
            .filter(s -> s.at("/Principal/Service").asText().equals("cloudwatch.amazonaws.com"))
            .toList();
    assertThat(cloudWatch)
        .singleElement()
        .satisfies(
            statement -> {
              assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
              assertThat(ExpectedPermissions.elements(statement.path("Action")))
                  .map(JsonNode::asText)
                  .containsExactlyInAnyOrder("kms:Decrypt", "kms:GenerateDataKey*");
              assertThat(statement.at("/Condition/StringEquals/aws:SourceAccount/Ref").asText())
                  .isEqualTo("AWS::AccountId");
            });
  }

  @Test
  void theOperatorIsSubscribedOnlyWhenAlertEmailIsSet() {
    JsonNode parameter = TEMPLATE.root().path("Parameters").path("AlertEmail");
    assertThat(parameter.path("Default").asText()).isEmpty();
    assertThat(TEMPLATE.root().at("/Conditions/HasAlertEmail").toString())
        .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"AlertEmail\"},\"\"]}]}");
    Map<String, JsonNode> subscriptions = TEMPLATE.propertiesByType("AWS::SNS::Subscription");
    assertThat(subscriptions.get("AlertEmailSubscription")).isNotNull();
    JsonNode subscription = subscriptions.get("AlertEmailSubscription");
    assertThat(subscription.path("TopicArn")).isEqualTo(ALARM_TOPIC);
    assertThat(subscription.path("Protocol").asText()).isEqualTo("email");
    assertThat(subscription.path("Endpoint").path("Ref").asText()).isEqualTo("AlertEmail");
    assertThat(
            TEMPLATE.root().at("/Resources/AlertEmailSubscription/Condition").asText())
        .isEqualTo("HasAlertEmail");
  }

  /** X-Ray on every function, switched by the Tracing parameter (the HTTP API has no X-Ray). */
  @Test
  void tracingIsSetForEveryFunctionByTheTracingParameter() {
    assertThat(TEMPLATE.root().at("/Globals/Function/Tracing"))
        .isEqualTo(NODES.objectNode().put("Ref", "Tracing"));
    JsonNode parameter = TEMPLATE.root().path("Parameters").path("Tracing");
    assertThat(ExpectedPermissions.elements(parameter.path("AllowedValues")))
        .map(JsonNode::asText)
        .containsExactlyInAnyOrder("Active", "PassThrough");
    TEMPLATE
        .propertiesByType("AWS::Serverless::Function")
        .forEach((id, properties) -> assertThat(properties.has("Tracing")).as(id).isFalse());
  }
}
