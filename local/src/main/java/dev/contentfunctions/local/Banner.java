package dev.contentfunctions.local;

import dev.contentfunctions.localaws.AlarmDefinition;
import dev.contentfunctions.localaws.CdnBehaviours;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the local run prints once it is ready: where everything is, and how to try it. */
final class Banner {
  /** The parameter whose value opens drafts: printed, with the URL that uses it. */
  private static final String PREVIEW_TOKEN = "PreviewToken";

  private Banner() {}

  static String text(
      LocalRunOptions options,
      int apiPort,
      URI awsEndpoint,
      String region,
      CdnBehaviours behaviours,
      HttpApiRoutes routes,
      FunctionPlan plan,
      LocalStack stack,
      List<AlarmDefinition> alarms,
      String contentBucket,
      Path motoLog,
      Path samLocalEnv,
      Duration startup) {
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "%ncontent-functions is running locally (ready in %.1f s). Ctrl-C stops"
                + " everything.%n%n",
            startup.toMillis() / 1000.0));
    String localUrl = "http://127.0.0.1:" + apiPort;
    row(text, "site", localUrl + busy(options.apiPort(), apiPort) + "  (as SiteDistribution routes it)");
    Map<String, String> originBuckets = LocalRun.originBuckets(behaviours, stack);
    for (CdnBehaviours.Behaviour behaviour : behaviours.behaviours()) {
      String bucket = originBuckets.get(behaviour.origin().id());
      row(
          text,
          "",
          (behaviour.pathPattern() == null ? "everything else" : behaviour.pathPattern())
              + "  ->  "
              + (behaviour.origin().kind() != CdnBehaviours.OriginKind.S3
                  ? "the HTTP API"
                  : bucket != null ? "objects of the bucket " + bucket : "files of " + options.webDir()));
    }
    row(text, "API", "the HTTP API's routes:");
    if (routes.routes().isEmpty()) {
      row(text, "", "(template.yaml declares no HttpApi routes yet)");
    }
    for (HttpApiRoutes.Route route : routes.routes()) {
      row(
          text,
          "",
          route.routeKey()
              + "  ->  "
              + route.functionId()
              + (plan.notHosted().containsKey(route.functionId()) ? "  (503: not run locally)" : "")
              + (route.iamAuthorized() ? "  (IAM: unsigned requests allowed locally)" : ""));
    }
    row(
        text,
        "AWS (moto)",
        awsEndpoint
            + busy(options.awsPort(), awsEndpoint.getPort())
            + "  region "
            + region
            + ", access key and secret: testing");
    for (LocalStack.Resource resource : stack.resources()) {
      row(text, resource.kind(), resource.name() + "  (" + resource.logicalId() + ")");
    }
    for (LocalStack.EventQueue queue : stack.eventQueues()) {
      row(text, "S3 events", queue.bucket() + "  ->  " + queue.functionId());
    }
    for (LocalStack.StreamSource source : stack.streamSources()) {
      row(text, "stream", source.table() + "  ->  " + source.functionId());
    }
    for (LocalStack.TopicQueues topic : stack.topicQueues()) {
      row(
          text,
          "inbox",
          inboxUrl(awsEndpoint, topic)
              + "  (what "
              + topic.topicId()
              + " sends, as its e-mail subscribers would get it)");
    }
    TemplateValues values = stack.values();
    values.parameters().entrySet().stream()
        .filter(parameter -> !values.isNoEcho(parameter.getKey()))
        .forEach(
            parameter -> row(text, "parameter", parameter.getKey() + "=" + parameter.getValue()));
    if (values.parameters().containsKey(PREVIEW_TOKEN)) {
      String token = values.parameters().get(PREVIEW_TOKEN);
      row(
          text,
          "preview",
          "token "
              + token
              + "  ("
              + PREVIEW_TOKEN
              + "): "
              + localUrl
              + "/blog/<slug>?preview="
              + token);
    }
    row(
        text,
        "booking",
        SampleBooking.ID
            + "  (seeded, for events/coach-*.json: coach-mark-handled names it, coach-erasure"
            + " erases it)");
    plan.notHosted().forEach((function, reason) -> row(text, "not run", function + ": " + reason));
    alarms(text, alarms);
    row(text, "content", options.contentDir() + "  (mirrored into " + contentBucket + ")");
    row(text, "moto log", motoLog.toString());
    row(text, "sam local", "--env-vars " + samLocalEnv + "  (this run's endpoint and values)");
    // AWS_DEFAULT_REGION: version 1 of the AWS CLI does not read AWS_REGION; version 2 reads both.
    String credentials =
        "AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=" + region + " \\%n";
    text.append(
        String.format(
            "%n  Try:  "
                + credentials
                + "          aws --endpoint-url %s s3 cp my-post.md s3://%s/posts/%n",
            awsEndpoint,
            contentBucket));
    for (LocalStack.TopicQueues topic : stack.topicQueues()) {
      text.append(
          String.format(
              "        "
                  + credentials
                  + "          aws --endpoint-url %s sqs receive-message --queue-url %s%n",
              awsEndpoint,
              inboxUrl(awsEndpoint, topic)));
    }
    text.append(String.format("%n"));
    return text.toString();
  }

  /**
   * The template's alarms and when each fires, as deployed. CloudWatch evaluates them; moto has no
   * alarms and the local functions' metrics reach no CloudWatch, so none is evaluated here.
   */
  static void alarms(StringBuilder text, List<AlarmDefinition> alarms) {
    if (alarms.isEmpty()) {
      return;
    }
    row(
        text,
        "alarms",
        "not evaluated locally (CloudWatch only); deployed, they fire when (README: Alarms and"
            + " what to do):");
    for (AlarmDefinition alarm : alarms) {
      row(text, "", alarm.summary());
    }
  }

  /** The queue's URL at the AWS port the banner gives, rather than moto's own, which changes. */
  private static URI inboxUrl(URI awsEndpoint, LocalStack.TopicQueues topic) {
    return awsEndpoint.resolve(URI.create(topic.inboxUrl()).getPath());
  }

  private static void row(StringBuilder text, String label, String value) {
    text.append(String.format("  %-12s%s%n", label, value));
  }

  private static String busy(int requested, int actual) {
    return requested != 0 && requested != actual ? "  (port " + requested + " was in use)" : "";
  }
}
