package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of the template's functions the local run hosts, and why not the others. A function is
 * hosted when something feeds it locally (S3 events through its queue, a table's stream, or HTTP
 * API routes) and its handler is on the local run's classpath. A function still being written,
 * whose module local/pom.xml does not list yet, stays out instead of stopping the run for everyone;
 * its routes answer 503 saying so.
 *
 * <p>Launcher and functions' JVM compute the same plan from the same template and classpath: the
 * launcher to build the functions' environment, the functions' JVM to load them.
 *
 * @param hosted in template order
 * @param notHosted logical id to the reason, for every other function
 */
record FunctionPlan(List<FunctionDefinition> hosted, Map<String, String> notHosted) {

  /**
   * @param fedByEvents the functions whose S3 events or table stream the run feeds them
   */
  static FunctionPlan of(
      CloudFormationTemplate template, HttpApiRoutes routes, Set<String> fedByEvents) {
    Set<String> fed = new LinkedHashSet<>(fedByEvents);
    routes.routes().forEach(route -> fed.add(route.functionId()));
    List<FunctionDefinition> hosted = new ArrayList<>();
    Map<String, String> notHosted = new LinkedHashMap<>();
    for (FunctionDefinition function : template.functions()) {
      String handlerClass = LocalFunction.handlerClass(function);
      if (!fed.contains(function.logicalId())) {
        notHosted.put(
            function.logicalId(),
            "nothing feeds it locally (its events: "
                + function.events().stream()
                    .map(FunctionDefinition.Event::type)
                    .distinct()
                    .collect(Collectors.joining(", "))
                + "; the local run feeds S3, DynamoDB and HttpApi)");
      } else if (handlerClass == null || !isOnClasspath(handlerClass)) {
        notHosted.put(
            function.logicalId(),
            "its handler "
                + handlerClass
                + " is not on the local run's classpath: add its module to local/pom.xml's"
                + " dependencies");
      } else {
        hosted.add(function);
      }
    }
    return new FunctionPlan(List.copyOf(hosted), Map.copyOf(notHosted));
  }

  private static boolean isOnClasspath(String className) {
    try {
      Class.forName(className, false, FunctionPlan.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
