package dev.contentfunctions.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates, in moto, resources exactly as template.yaml defines them, under names the caller
 * chooses.
 *
 * <p>Only what changes the behaviour a function sees is applied: keys, indexes, TTL, streams,
 * versioning, notifications. Encryption, backups and access policies are AWS's business, checked by
 * the template tests, and moto would not enforce them.
 */
public final class TemplateResources {

  private static final String TABLE = "AWS::DynamoDB::Table";
  private static final String BUCKET = "AWS::S3::Bucket";
  private static final String SECRET = "AWS::SecretsManager::Secret";
  private static final int MAX_NAME_LENGTH =
      63; // S3's limit, the tightest of buckets, tables and queues

  private final CloudFormationTemplate template;
  private final DynamoDbClient dynamoDb;
  private final S3Client s3;
  private final SqsClient sqs;
  private final MotoServer moto;

  public TemplateResources(CloudFormationTemplate template, MotoServer moto) {
    this.template = template;
    this.dynamoDb = moto.dynamoDb();
    this.s3 = moto.s3();
    this.sqs = moto.sqs();
    this.moto = moto;
  }

  /**
   * A name no other test uses: the prefix, lower-cased and reduced to letters, digits and hyphens,
   * then a random suffix. Valid as an S3 bucket, DynamoDB table and SQS queue name.
   */
  public static String uniqueName(String prefix) {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String base =
        prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    base = base.isEmpty() ? "test" : base;
    base = base.substring(0, Math.min(base.length(), MAX_NAME_LENGTH - suffix.length() - 1));
    return base.replaceAll("-+$", "") + "-" + suffix;
  }

  /**
   * Creates the table as the template's {@code AWS::DynamoDB::Table} defines it; returns its name
   * once active.
   */
  public String createTable(String logicalId, String tableName) {
    JsonNode table = properties(logicalId, TABLE);
    // CloudFormation's default, as in the template reference.
    String billingMode = table.has("BillingMode") ? literal(table, "BillingMode") : "PROVISIONED";
    boolean provisioned = billingMode.equals("PROVISIONED");
    CreateTableRequest.Builder request =
        CreateTableRequest.builder()
            .tableName(tableName)
            .billingMode(billingMode)
            .attributeDefinitions(
                each(
                    table.path("AttributeDefinitions"),
                    a ->
                        AttributeDefinition.builder()
                            .attributeName(literal(a, "AttributeName"))
                            .attributeType(literal(a, "AttributeType"))
                            .build()))
            .keySchema(keySchema(table.path("KeySchema")));
    if (provisioned) {
      request.provisionedThroughput(throughput(table.path("ProvisionedThroughput")));
    }
    if (table.has("GlobalSecondaryIndexes")) {
      request.globalSecondaryIndexes(
          each(
              table.path("GlobalSecondaryIndexes"),
              index -> {
                GlobalSecondaryIndex.Builder gsi =
                    GlobalSecondaryIndex.builder()
                        .indexName(literal(index, "IndexName"))
                        .keySchema(keySchema(index.path("KeySchema")))
                        .projection(projection(index.path("Projection")));
                if (provisioned) {
                  gsi.provisionedThroughput(throughput(index.path("ProvisionedThroughput")));
                }
                return gsi.build();
              }));
    }
    if (table.has("LocalSecondaryIndexes")) {
      request.localSecondaryIndexes(
          each(
              table.path("LocalSecondaryIndexes"),
              index ->
                  LocalSecondaryIndex.builder()
                      .indexName(literal(index, "IndexName"))
                      .keySchema(keySchema(index.path("KeySchema")))
                      .projection(projection(index.path("Projection")))
                      .build()));
    }
    JsonNode stream = table.path("StreamSpecification");
    if (stream.isObject()) {
      request.streamSpecification(
          s -> s.streamEnabled(true).streamViewType(literal(stream, "StreamViewType")));
    }
    dynamoDb.createTable(request.build());

    try (DynamoDbWaiter waiter =
        DynamoDbWaiter.builder()
            .client(dynamoDb)
            .overrideConfiguration(
                o ->
                    o.maxAttempts(100)
                        .waitTimeout(Duration.ofSeconds(10))
                        .backoffStrategyV2(
                            BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100))))
            .build()) {
      waiter.waitUntilTableExists(r -> r.tableName(tableName));
    }

    JsonNode ttl = table.path("TimeToLiveSpecification");
    if (ttl.isObject()) {
      dynamoDb.updateTimeToLive(
          r ->
              r.tableName(tableName)
                  .timeToLiveSpecification(
                      t ->
                          t.attributeName(literal(ttl, "AttributeName"))
                              .enabled(Boolean.parseBoolean(literal(ttl, "Enabled")))));
    }
    return tableName;
  }

  /** Creates the bucket with the template's versioning status; returns its name. */
  public String createBucket(String logicalId, String bucketName) {
    JsonNode bucket = properties(logicalId, BUCKET);
    s3.createBucket(r -> r.bucket(bucketName));
    JsonNode versioning = bucket.path("VersioningConfiguration");
    if (versioning.isObject()) {
      s3.putBucketVersioning(
          r ->
              r.bucket(bucketName)
                  .versioningConfiguration(v -> v.status(literal(versioning, "Status"))));
    }
    return bucketName;
  }

  /**
   * Creates the template's {@code AWS::SecretsManager::Secret} under {@code name} holding {@code
   * secretString}, the value of its {@code SecretString} as the caller resolved it (the template
   * writes it from a parameter); returns its ARN, which is what {@code !Ref} of a secret gives.
   * A secret that CloudFormation would generate ({@code GenerateSecretString}) is refused: none is.
   */
  public String createSecret(String logicalId, String name, String secretString) {
    JsonNode secret = properties(logicalId, SECRET);
    if (!secret.has("SecretString")) {
      throw new IllegalArgumentException(
          logicalId + " has no SecretString; the local run creates secrets from their SecretString only");
    }
    return moto.secretsManager()
        .createSecret(r -> r.name(name).secretString(secretString))
        .arn();
  }

  /**
   * Creates a queue and has the bucket notify it of exactly the events, and with the key filter, of
   * the function's {@code Type: S3} events in the template; the local run polls the queue to invoke
   * the function. Returns the queue URL. The queue holds only object events: the {@code
   * s3:TestEvent} that S3 (and moto) sends when notifications are configured is removed.
   */
  public String notifyQueue(String bucketName, String functionLogicalId, String queueName) {
    FunctionDefinition function =
        template.functions().stream()
            .filter(f -> f.logicalId().equals(functionLogicalId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No AWS::Serverless::Function "
                            + functionLogicalId
                            + " in "
                            + template.path()));
    List<FunctionDefinition.Event> s3Events =
        function.events().stream().filter(e -> e.type().equals("S3")).toList();
    if (s3Events.isEmpty()) {
      throw new IllegalArgumentException(functionLogicalId + " has no event of Type S3");
    }

    String queueUrl = sqs.createQueue(r -> r.queueName(queueName)).queueUrl();
    String queueArn =
        sqs.getQueueAttributes(
                r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    List<QueueConfiguration> configurations =
        s3Events.stream()
            .map(
                event ->
                    QueueConfiguration.builder()
                        .id(event.name())
                        .queueArn(queueArn)
                        .eventsWithStrings(literals(event.properties().path("Events")))
                        .filter(filter(event.properties().path("Filter")))
                        .build())
            .toList();
    s3.putBucketNotificationConfiguration(
        r ->
            r.bucket(bucketName)
                .notificationConfiguration(n -> n.queueConfigurations(configurations)));

    // moto sends the test event synchronously, before the call above returns.
    for (Message message :
        sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages()) {
      if (message.body().contains("\"s3:TestEvent\"")) {
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      } else {
        // An object event in a reused queue: make it visible again for the caller.
        sqs.changeMessageVisibility(
            r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(0));
      }
    }
    return queueUrl;
  }

  private JsonNode properties(String logicalId, String expectedType) {
    String type = template.type(logicalId);
    if (!type.equals(expectedType)) {
      throw new IllegalArgumentException(logicalId + " is a " + type + ", not a " + expectedType);
    }
    return template.properties(logicalId);
  }

  private static NotificationConfigurationFilter filter(JsonNode filter) {
    JsonNode rules = filter.path("S3Key").path("Rules");
    if (rules.isMissingNode()) {
      return null;
    }
    // S3 documents the rule names in lower case; moto matches only those.
    return NotificationConfigurationFilter.builder()
        .key(
            k ->
                k.filterRules(
                    each(
                        rules,
                        rule ->
                            FilterRule.builder()
                                .name(literal(rule, "Name").toLowerCase(Locale.ROOT))
                                .value(literal(rule, "Value"))
                                .build())))
        .build();
  }

  private static List<KeySchemaElement> keySchema(JsonNode keySchema) {
    return each(
        keySchema,
        k ->
            KeySchemaElement.builder()
                .attributeName(literal(k, "AttributeName"))
                .keyType(literal(k, "KeyType"))
                .build());
  }

  private static Projection projection(JsonNode projection) {
    Projection.Builder builder = Projection.builder();
    if (projection.has("ProjectionType")) {
      builder.projectionType(literal(projection, "ProjectionType"));
    }
    if (projection.has("NonKeyAttributes")) {
      builder.nonKeyAttributes(literals(projection.path("NonKeyAttributes")));
    }
    return builder.build();
  }

  private static ProvisionedThroughput throughput(JsonNode throughput) {
    return ProvisionedThroughput.builder()
        .readCapacityUnits(Long.parseLong(literal(throughput, "ReadCapacityUnits")))
        .writeCapacityUnits(Long.parseLong(literal(throughput, "WriteCapacityUnits")))
        .build();
  }

  /** A single value or a list of values (SAM accepts both for an S3 event's Events), as strings. */
  private static List<String> literals(JsonNode values) {
    return values.isArray()
        ? each(values, v -> literalValue(v, "an element of " + values))
        : List.of(literalValue(values, "a value"));
  }

  private static String literal(JsonNode parent, String field) {
    return literalValue(parent.path(field), field + " of " + parent);
  }

  private static String literalValue(JsonNode value, String what) {
    if (!value.isValueNode() || value.isNull()) {
      throw new IllegalArgumentException(
          what
              + " must be a literal value in the template to be created locally, found "
              + (value.isMissingNode() ? "nothing" : value));
    }
    return value.asText();
  }

  private static <T> List<T> each(JsonNode array, Function<JsonNode, T> mapping) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("Expected a list in the template, found " + array);
    }
    List<T> mapped = new ArrayList<>();
    array.forEach(element -> mapped.add(mapping.apply(element)));
    return mapped;
  }
}
