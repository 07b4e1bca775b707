package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.AlarmDefinition;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.RepoPaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OperationsDashboard's body: valid JSON once CloudFormation has substituted it, naming only
 * resources of the template, and reading only the contract's custom metrics (listed in the
 * dashboard's Metadata, the list a test of the functions' EMF lines holds to the code) and AWS's
 * own metrics of the stack's resources.
 */
class DashboardTest {

  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());
  private static final String DASHBOARD = "OperationsDashboard";
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern SEARCH_SCHEMA =
      Pattern.compile("SEARCH\\('\\{\"([^\"]+)\",([^}]*)} MetricName=\"([^\"]+)\"(.*?)'");
  private static final Pattern SEARCH_TERM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** AWS's metrics the dashboard may show, by namespace, with the dimension they are read by. */
  private static final Map<String, String> AWS_NAMESPACES =
      Map.of(
          "AWS/Lambda", "FunctionName",
          "AWS/SQS", "QueueName",
          "AWS/ApiGateway", "ApiId",
          "AWS/SNS", "TopicName");

  /** The dashboard's Metadata list of the custom metrics the dashboard and the alarms read. */
  static Set<String> listedMetrics() {
    Set<String> names = new LinkedHashSet<>();
    TEMPLATE
        .root()
        .at("/Resources/" + DASHBOARD + "/Metadata/ContentFunctionsMetrics")
        .forEach(name -> names.add(name.asText()));
    return names;
  }

  @Test
  void theListedMetricsAreTheContractsNames() {
    assertThat(listedMetrics()).hasSameElementsAs(MetricsContract.DIMENSIONS.keySet());
  }

  @Test
  void theBodyNamesOnlyResourcesAndPseudoParametersOfTheTemplate() {
    Set<String> unknown = new TreeSet<>();
    Matcher variable = VARIABLE.matcher(body());
    while (variable.find()) {
      String name = variable.group(1);
      String resource = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
      if (!name.startsWith("AWS::") && !TEMPLATE.root().path("Resources").has(resource)) {
        unknown.add(name);
      }
    }
    assertThat(unknown).isEmpty();
  }

  @Test
  void everyMetricIsOfTheContractOrAwsOwnForAResourceOfTheStack() throws Exception {
    List<String> violations = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (JsonNode widget : parsedBody().path("widgets")) {
      String title = widget.at("/properties/title").asText();
      for (JsonNode row : widget.at("/properties/metrics")) {
        if (row.path(0).isObject()) {
          String expression = row.path(0).path("expression").asText();
          Matcher search = SEARCH_SCHEMA.matcher(expression);
          if (!search.find()) {
            violations.add(title + ": an expression without a SEARCH of a schema: " + expression);
            continue;
          }
          Set<String> dimensions = new TreeSet<>(List.of(search.group(2).split(",")));
          checkCustom(title, search.group(1), search.group(3), dimensions, violations);
          used.add(search.group(3));
          Matcher term = SEARCH_TERM.matcher(search.group(4));
          while (term.find()) {
            checkValue(title, term.group(1), term.group(2), violations);
          }
          continue;
        }
        String namespace = row.path(0).asText();
        String metric = row.path(1).asText();
        Map<String, String> dimensions = new TreeMap<>();
        for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
          dimensions.put(row.get(i).asText(), row.get(i + 1).asText());
        }
        if (AWS_NAMESPACES.containsKey(namespace)) {
          String dimension = AWS_NAMESPACES.get(namespace);
          if (!dimensions.keySet().equals(Set.of(dimension))
              || !VARIABLE.matcher(dimensions.get(dimension)).matches()) {
            violations.add(
                title + ": " + namespace + " " + metric + " not by " + dimension + " of the stack");
          }
          continue;
        }
        checkCustom(title, namespace, metric, dimensions.keySet(), violations);
        dimensions.forEach((name, value) -> checkValue(title, name, value, violations));
        used.add(metric);
      }
    }
    assertThat(violations).isEmpty();
    // The list is what is used: every listed metric is on the dashboard or read by an alarm.
    AlarmDefinition.all(TEMPLATE).stream()
        .filter(alarm -> alarm.watched().startsWith(MetricsContract.NAMESPACE + " "))
        .forEach(alarm -> used.add(alarm.watched().substring(MetricsContract.NAMESPACE.length() + 1)));
    assertThat(used).hasSameElementsAs(listedMetrics());
  }

  @Test
  void theAlarmWidgetShowsEveryAlarm() throws Exception {
    Set<String> shown = new TreeSet<>();
    for (JsonNode widget : parsedBody().path("widgets")) {
      if (widget.path("type").asText().equals("alarm")) {
        widget.at("/properties/alarms").forEach(arn -> shown.add(arn.asText()));
      }
    }
    Set<String> alarms = new TreeSet<>();
    AlarmDefinition.all(TEMPLATE)
        .forEach(alarm -> alarms.add("${" + alarm.logicalId() + ".Arn}"));
    assertThat(shown).isEqualTo(alarms);
  }

  @Test
  void latencyPercentilesPerRouteAndColdStartsOfEveryFunctionAreShown() throws Exception {
    String body = body();
    for (String percentile : List.of("p50", "p90", "p99")) {
      assertThat(body)
          .contains(
              "SEARCH('{\\\"ContentFunctions/${AWS::StackName}\\\",Function,Route}"
                  + " MetricName=\\\"Latency\\\"', '"
                  + percentile
                  + "', 300)");
    }
    for (String function : MetricsContract.FUNCTIONS) {
      assertThat(body)
          .contains(
              "[\"ContentFunctions/${AWS::StackName}\", \"ColdStart\", \"Function\", \""
                  + function
                  + "\"]");
    }
  }

  private static void checkCustom(
      String title,
      String namespace,
      String metric,
      Set<String> dimensions,
      List<String> violations) {
    if (!namespace.equals(MetricsContract.NAMESPACE)) {
      violations.add(title + ": namespace " + namespace);
    } else if (!listedMetrics().contains(metric)) {
      violations.add(title + ": " + metric + " is not a listed metric");
    } else if (!dimensions.equals(MetricsContract.DIMENSIONS.get(metric))) {
      violations.add(title + ": " + metric + " by " + dimensions);
    }
  }

  private static void checkValue(
      String title, String dimension, String value, List<String> violations) {
    Set<String> allowed = MetricsContract.VALUES.get(dimension);
    if (allowed != null && !allowed.contains(value)) {
      violations.add(title + ": " + dimension + "=" + value);
    }
  }

  private static String body() {
    return TEMPLATE.properties(DASHBOARD).path("DashboardBody").path("Fn::Sub").asText();
  }

  /**
   * The body as JSON: every ${...} is inside a JSON string and CloudFormation replaces it by a name
   * or an ARN (no quote, no backslash), so the body parses the same before and after.
   */
  private static JsonNode parsedBody() throws Exception {
    return new ObjectMapper().readTree(body());
  }
}
