package dev.contentfunctions.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An {@code AWS::CloudWatch::Alarm} of the template, as read from it: what it watches and when it
 * fires. For the local run's banner (alarms are not evaluated locally) and the template tests.
 *
 * @param logicalId the alarm's logical id
 * @param watched what the alarm compares: {@code Namespace MetricName}, or for a metric math alarm
 *     the label (else the expression) of the query it returns
 * @param statistic Statistic or ExtendedStatistic; for metric math the statistic of its metrics
 * @param periodSeconds the alarm's Period, or that of its metrics
 * @param evaluationPeriods how many periods it looks at
 * @param datapointsToAlarm how many of those must breach (EvaluationPeriods when not set)
 * @param comparison the ComparisonOperator
 * @param threshold the Threshold
 * @param treatMissingData TreatMissingData ({@code missing}, CloudWatch's default, when not set)
 * @param alarmActions the AlarmActions as written (long-form intrinsics)
 * @param okActions the OKActions as written
 */
public record AlarmDefinition(
    String logicalId,
    String watched,
    String statistic,
    int periodSeconds,
    int evaluationPeriods,
    int datapointsToAlarm,
    String comparison,
    double threshold,
    String treatMissingData,
    List<JsonNode> alarmActions,
    List<JsonNode> okActions) {

  private static final String ALARM = "AWS::CloudWatch::Alarm";

  private static final Map<String, String> SYMBOLS =
      Map.of(
          "GreaterThanOrEqualToThreshold", ">=",
          "GreaterThanThreshold", ">",
          "LessThanThreshold", "<",
          "LessThanOrEqualToThreshold", "<=");

  /** Units of AWS metrics whose threshold would read ambiguously without one. */
  private static final Map<String, String> UNITS =
      Map.of("ApproximateAgeOfOldestMessage", " s", "IteratorAge", " ms");

  /** Every alarm of the template, in template order. */
  public static List<AlarmDefinition> all(CloudFormationTemplate template) {
    List<AlarmDefinition> alarms = new ArrayList<>();
    template.propertiesByType(ALARM).forEach((id, properties) -> alarms.add(of(id, properties)));
    return alarms;
  }

  static AlarmDefinition of(String logicalId, JsonNode properties) {
    String watched;
    String statistic;
    int period;
    if (properties.has("Metrics")) {
      JsonNode returned = null;
      JsonNode firstStat = null;
      for (JsonNode query : properties.get("Metrics")) {
        if (query.path("ReturnData").asBoolean(true)) {
          returned = query;
        }
        if (firstStat == null && query.has("MetricStat")) {
          firstStat = query.get("MetricStat");
        }
      }
      if (returned == null) {
        throw new IllegalArgumentException(logicalId + ": no query of Metrics returns data");
      }
      watched =
          returned.has("Label")
              ? returned.get("Label").asText()
              : returned.path("Expression").asText(returned.path("Id").asText());
      statistic = firstStat == null ? "" : firstStat.path("Stat").asText();
      period = firstStat == null ? returned.path("Period").asInt() : firstStat.path("Period").asInt();
    } else {
      watched = text(properties.path("Namespace")) + " " + properties.path("MetricName").asText();
      statistic =
          properties.has("ExtendedStatistic")
              ? properties.get("ExtendedStatistic").asText()
              : properties.path("Statistic").asText();
      period = properties.path("Period").asInt();
    }
    int evaluationPeriods = properties.path("EvaluationPeriods").asInt();
    return new AlarmDefinition(
        logicalId,
        watched,
        statistic,
        period,
        evaluationPeriods,
        properties.path("DatapointsToAlarm").asInt(evaluationPeriods),
        properties.path("ComparisonOperator").asText(),
        properties.path("Threshold").asDouble(),
        properties.path("TreatMissingData").asText("missing"),
        list(properties.path("AlarmActions")),
        list(properties.path("OKActions")));
  }

  /**
   * One line: {@code PublisherErrorsAlarm  AWS/Lambda Errors (Sum) >= 1 in 1 of 1 x 5 min}.
   */
  public String summary() {
    String number =
        threshold == Math.rint(threshold)
            ? String.valueOf((long) threshold)
            : String.format(Locale.ROOT, "%s", threshold);
    return String.format(
        Locale.ROOT,
        "%s  %s%s %s %s in %d of %d x %s",
        logicalId,
        watched,
        statistic.isEmpty() ? "" : " (" + statistic + ")",
        SYMBOLS.getOrDefault(comparison, comparison),
        number + UNITS.getOrDefault(watched.substring(watched.lastIndexOf(' ') + 1), ""),
        datapointsToAlarm,
        evaluationPeriods,
        periodSeconds % 60 == 0 ? periodSeconds / 60 + " min" : periodSeconds + " s");
  }

  /** A namespace as written: a literal, or the text of a {@code !Sub}. */
  private static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.path("Fn::Sub").asText(value.toString());
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    }
    return List.copyOf(items);
  }
}
