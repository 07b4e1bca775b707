package dev.contentfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.TemplateResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The template's tables, buckets and topics, created in moto under stable names (as a stack named
 * after samconfig.toml's would name them, so the sample events in events/ name the local bucket);
 * each function's S3 events routed to a queue that the local run polls to invoke it; the tables'
 * streams that functions read; and for each topic a queue subscribed to it, the local stand-in for
 * its e-mail subscribers.
 */
final class LocalStack {
  private static final String TABLE = "AWS::DynamoDB::Table";
  private static final String BUCKET = "AWS::S3::Bucket";
  private static final String TOPIC = "AWS::SNS::Topic";
  private static final String SECRET = "AWS::SecretsManager::Secret";

  /** A table, bucket or topic of the template and its local name. */
  record Resource(String logicalId, String kind, String name) {}

  /** Where the S3 events a function subscribes to arrive. */
  record EventQueue(String functionId, String bucket, String queueName, String queueUrl) {}

  /** A table's stream that a function reads (its event of Type DynamoDB). */
  record StreamSource(String functionId, String table, String streamArn) {}

  /**
   * A topic's local subscribers: {@code inboxUrl}, a queue for people to read what the topic sent
   * (as its e-mail subscribers would); {@code consoleUrl}, the queue the run reads to print a line
   * per message.
   */
  record TopicQueues(String topicId, String topicArn, String inboxUrl, String consoleUrl) {}

  private final TemplateValues values;
  private final List<Resource> resources;
  private final List<EventQueue> eventQueues;
  private final List<StreamSource> streamSources;
  private final List<TopicQueues> topicQueues;

  private LocalStack(
      TemplateValues values,
      List<Resource> resources,
      List<EventQueue> eventQueues,
      List<StreamSource> streamSources,
      List<TopicQueues> topicQueues) {
    this.values = values;
    this.resources = List.copyOf(resources);
    this.eventQueues = List.copyOf(eventQueues);
    this.streamSources = List.copyOf(streamSources);
    this.topicQueues = List.copyOf(topicQueues);
  }

  /**
   * @param parameters the run's template parameters ({@link LocalParameters})
   */
  static LocalStack create(
      CloudFormationTemplate template,
      MotoServer moto,
      String stackName,
      Map<String, String> parameters) {
    TemplateValues values = new TemplateValues(template, stackName, parameters);
    TemplateResources creator = new TemplateResources(template, moto);
    List<Resource> resources = new ArrayList<>();

    Map<String, String> streamTables = new HashMap<>(); // stream ARN -> table name
    for (Map.Entry<String, JsonNode> table : template.propertiesByType(TABLE).entrySet()) {
      String id = table.getKey();
      String name =
          nameOr(values, table.getValue().path("TableName"), generatedName(stackName, id));
      creator.createTable(id, name);
      Map<String, String> attributes = new HashMap<>();
      attributes.put(
          "Arn",
          "arn:aws:dynamodb:"
              + TemplateValues.REGION
              + ":"
              + TemplateValues.ACCOUNT_ID
              + ":table/"
              + name);
      String streamArn =
          moto.dynamoDb().describeTable(r -> r.tableName(name)).table().latestStreamArn();
      if (streamArn != null) {
        attributes.put("StreamArn", streamArn);
        streamTables.put(streamArn, name);
      }
      values.created(id, name, attributes);
      resources.add(new Resource(id, "table", name));
    }
    for (Map.Entry<String, JsonNode> bucket : template.propertiesByType(BUCKET).entrySet()) {
      String id = bucket.getKey();
      String name =
          nameOr(
              values,
              bucket.getValue().path("BucketName"),
              generatedName(stackName, id).toLowerCase(Locale.ROOT));
      creator.createBucket(id, name);
      suspendVersioning(moto.s3(), name);
      values.created(id, name, Map.of("Arn", "arn:aws:s3:::" + name));
      resources.add(new Resource(id, "bucket", name));
    }

    // Secrets before anything names them: functions get their ARNs (!Ref), as in a stack. Their
    // values are the run's parameters (a NoEcho one without a value gets a random one per run).
    for (Map.Entry<String, JsonNode> secret : template.propertiesByType(SECRET).entrySet()) {
      String id = secret.getKey();
      String name = nameOr(values, secret.getValue().path("Name"), generatedName(stackName, id));
      String arn =
          creator.createSecret(id, name, values.resolve(secret.getValue().path("SecretString")));
      values.created(id, arn, Map.of("Id", arn));
      resources.add(new Resource(id, "secret", name));
    }

    List<TopicQueues> topicQueues = new ArrayList<>();
    Map<String, JsonNode> topics = template.propertiesByType(TOPIC);
    SnsClient sns = moto.sns();
    for (Map.Entry<String, JsonNode> topic : topics.entrySet()) {
      String id = topic.getKey();
      String name =
          nameOr(values, topic.getValue().path("TopicName"), generatedName(stackName, id));
      String arn = sns.createTopic(r -> r.name(name)).topicArn();
      // !Ref of a topic is its ARN.
      values.created(id, arn, Map.of("TopicArn", arn, "TopicName", name));
      resources.add(new Resource(id, "topic", name));
      topicQueues.add(
          new TopicQueues(
              id,
              arn,
              subscribeQueue(sns, moto.sqs(), arn, name + "-inbox"),
              subscribeQueue(sns, moto.sqs(), arn, name + "-console")));
    }

    List<EventQueue> eventQueues = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      Set<String> buckets =
          function.events().stream()
              .filter(event -> event.type().equals("S3"))
              .map(event -> values.resolve(event.properties().path("Bucket")))
              .collect(Collectors.toSet());
      if (buckets.isEmpty()) {
        continue;
      }
      // TemplateResources.notifyQueue sets a bucket's whole notification configuration, for one
      // function's events: a second function on the same bucket would silently replace the first.
      if (buckets.size() > 1
          || eventQueues.stream().anyMatch(queue -> buckets.contains(queue.bucket()))) {
        throw new IllegalStateException(
            function.logicalId()
                + "'s S3 events share a bucket with another function or span several buckets;"
                + " the local run supports one function per bucket, from one bucket");
      }
      String bucket = buckets.iterator().next();
      String queueName = eventQueueName(stackName, function.logicalId());
      eventQueues.add(
          new EventQueue(
              function.logicalId(),
              bucket,
              queueName,
              creator.notifyQueue(bucket, function.logicalId(), queueName)));
    }

    List<StreamSource> streamSources = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      List<FunctionDefinition.Event> streamEvents =
          function.events().stream().filter(event -> event.type().equals("DynamoDB")).toList();
      if (streamEvents.isEmpty()) {
        continue;
      }
      if (streamEvents.size() > 1) {
        throw new IllegalStateException(
            function.logicalId()
                + " has several DynamoDB events; the local run feeds a function one stream");
      }
      String streamArn = values.resolve(streamEvents.get(0).properties().path("Stream"));
      if (!streamTables.containsKey(streamArn)) {
        throw new IllegalStateException(
            function.logicalId()
                + "'s DynamoDB event reads the stream "
                + streamArn
                + ", which is not the stream of a table of template.yaml");
      }
      streamSources.add(
          new StreamSource(function.logicalId(), streamTables.get(streamArn), streamArn));
    }
    return new LocalStack(values, resources, eventQueues, streamSources, topicQueues);
  }

  /**
   * The name of a resource the template does not name: CloudFormation's, without its random suffix
   * (a fresh moto has no names to avoid).
   */
  static String generatedName(String stackName, String logicalId) {
    return stackName + "-" + logicalId;
  }

  /** The queue that feeds a function its S3 events, which the run polls to invoke it. */
  static String eventQueueName(String stackName, String functionId) {
    return generatedName(stackName, functionId) + "-events";
  }

  TemplateValues values() {
    return values;
  }

  List<Resource> resources() {
    return resources;
  }

  List<EventQueue> eventQueues() {
    return eventQueues;
  }

  List<StreamSource> streamSources() {
    return streamSources;
  }

  List<TopicQueues> topicQueues() {
    return topicQueues;
  }

  /** A queue subscribed to the topic; returns its URL. */
  private static String subscribeQueue(
      SnsClient sns, SqsClient sqs, String topicArn, String queueName) {
    String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    return queueUrl;
  }

  private static String nameOr(TemplateValues values, JsonNode name, String generated) {
    return name.isMissingNode() ? generated : values.resolve(name);
  }

  /**
   * Local deviation: versioning is suspended on the bucket even where the template enables it. In a
   * versioning-enabled bucket moto sends no event at all for a delete without a version id, so
   * deleting a post (from the content folder, or with {@code aws s3 rm}) would never unpublish it;
   * with versioning suspended moto sends {@code ObjectRemoved:Delete}, which the publisher handles
   * as S3's {@code ObjectRemoved:DeleteMarkerCreated}. Nothing is lost locally: moto's events carry
   * no version id, so the publisher reads the current object either way.
   */
  private static void suspendVersioning(S3Client s3, String bucket) {
    if (s3.getBucketVersioning(r -> r.bucket(bucket)).status() == BucketVersioningStatus.ENABLED) {
      s3.putBucketVersioning(
          r ->
              r.bucket(bucket)
                  .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
    }
  }
}
