package dev.contentfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.TemplateResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The template's tables and buckets, created in moto under stable names (as a stack named after
 * samconfig.toml's would name them, so the sample events in events/ name the local bucket), and
 * each function's S3 events routed to a queue that the local run polls to invoke it.
 */
final class LocalStack {
  private static final String TABLE = "AWS::DynamoDB::Table";
  private static final String BUCKET = "AWS::S3::Bucket";

  /** A table or bucket of the template and its local name. */
  record Resource(String logicalId, String kind, String name) {}

  /** Where the S3 events a function subscribes to arrive. */
  record EventQueue(String functionId, String bucket, String queueName, String queueUrl) {}

  private final TemplateValues values;
  private final List<Resource> resources;
  private final List<EventQueue> eventQueues;

  private LocalStack(
      TemplateValues values, List<Resource> resources, List<EventQueue> eventQueues) {
    this.values = values;
    this.resources = List.copyOf(resources);
    this.eventQueues = List.copyOf(eventQueues);
  }

  static LocalStack create(CloudFormationTemplate template, MotoServer moto, String stackName) {
    TemplateValues values = new TemplateValues(template, stackName);
    TemplateResources creator = new TemplateResources(template, moto);
    List<Resource> resources = new ArrayList<>();

    for (Map.Entry<String, JsonNode> table : template.propertiesByType(TABLE).entrySet()) {
      String id = table.getKey();
      String name =
          nameOr(values, table.getValue().path("TableName"), generatedName(stackName, id));
      creator.createTable(id, name);
      values.created(
          id,
          name,
          "arn:aws:dynamodb:"
              + TemplateValues.REGION
              + ":"
              + TemplateValues.ACCOUNT_ID
              + ":table/"
              + name);
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
      values.created(id, name, "arn:aws:s3:::" + name);
      resources.add(new Resource(id, "bucket", name));
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
      String queueName = generatedName(stackName, function.logicalId()) + "-events";
      eventQueues.add(
          new EventQueue(
              function.logicalId(),
              bucket,
              queueName,
              creator.notifyQueue(bucket, function.logicalId(), queueName)));
    }
    return new LocalStack(values, resources, eventQueues);
  }

  /**
   * The name of a resource the template does not name: CloudFormation's, without its random suffix
   * (a fresh moto has no names to avoid).
   */
  static String generatedName(String stackName, String logicalId) {
    return stackName + "-" + logicalId;
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
