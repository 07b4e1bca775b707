package dev.contentfunctions.localaws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.sqs.model.Message;

class TemplateResourcesIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MotoServer MOTO = MotoServer.shared();
  private static final CloudFormationTemplate TEMPLATE =
      CloudFormationTemplate.load(RepoPaths.template());
  private static final TemplateResources RESOURCES = new TemplateResources(TEMPLATE, MOTO);

  private static String table;
  private String bucket;
  private String queueUrl;

  @BeforeAll
  static void createTable() {
    table = RESOURCES.createTable("PostsTable", TemplateResources.uniqueName("posts"));
  }

  @BeforeEach
  void createBucketWithNotifications() {
    // A bucket and queue per test: each test counts the messages its own uploads produce.
    bucket = RESOURCES.createBucket("ContentBucket", TemplateResources.uniqueName("content"));
    queueUrl =
        RESOURCES.notifyQueue(
            bucket, "PublisherFunction", TemplateResources.uniqueName("publisher-events"));
  }

  @Test
  void tableHasTheTemplatesKeysAndIndexes() {
    JsonNode defined = TEMPLATE.properties("PostsTable");
    TableDescription created = MOTO.dynamoDb().describeTable(r -> r.tableName(table)).table();

    assertThat(created.keySchema())
        .extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
        .containsExactlyElementsOf(keys(defined.path("KeySchema")));
    assertThat(created.attributeDefinitions())
        .extracting(a -> a.attributeName() + " " + a.attributeTypeAsString())
        .containsExactlyInAnyOrderElementsOf(
            pairs(defined.path("AttributeDefinitions"), "AttributeName", "AttributeType"));
    assertThat(created.billingModeSummary().billingModeAsString()).isEqualTo("PAY_PER_REQUEST");
    assertThat(created.globalSecondaryIndexes())
        .hasSize(defined.path("GlobalSecondaryIndexes").size());

    GlobalSecondaryIndexDescription byDate =
        created.globalSecondaryIndexes().stream()
            .filter(index -> index.indexName().equals("ByDate"))
            .findFirst()
            .orElseThrow();
    JsonNode byDateDefined = defined.path("GlobalSecondaryIndexes").get(0);
    assertThat(byDate.keySchema())
        .extracting(k -> k.attributeName() + " " + k.keyTypeAsString())
        .containsExactly("listPk HASH", "listSk RANGE");
    assertThat(byDate.projection().projectionTypeAsString()).isEqualTo("INCLUDE");
    assertThat(byDate.projection().nonKeyAttributes())
        .containsExactlyElementsOf(texts(byDateDefined.path("Projection").path("NonKeyAttributes")))
        .contains("slug", "title")
        .doesNotContain("html", "body");
  }

  @Test
  void tableHasTheTemplatesTimeToLive() {
    var ttl = MOTO.dynamoDb().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();

    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName())
        .isEqualTo(
            TEMPLATE
                .properties("PostsTable")
                .path("TimeToLiveSpecification")
                .path("AttributeName")
                .asText());
  }

  @Test
  void conditionalPutRejectsASecondWriteOfTheSameKey() {
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS("POST#conditional"),
            "sk", AttributeValue.fromS("POST"));
    MOTO.dynamoDb()
        .putItem(
            r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));

    assertThatThrownBy(
            () ->
                MOTO.dynamoDb()
                    .putItem(
                        r ->
                            r.tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(pk)")))
        .isInstanceOf(ConditionalCheckFailedException.class);
  }

  @Test
  void bucketIsVersioned() {
    assertThat(MOTO.s3().getBucketVersioning(r -> r.bucket(bucket)).status())
        .isEqualTo(BucketVersioningStatus.ENABLED);
  }

  @Test
  void markdownPostUploadSendsOneObjectCreatedEvent() throws IOException {
    put("posts/x.md", "# Hello");

    List<Message> messages = receive();
    System.out.println("moto's S3 event: " + messages.get(0).body());

    assertThat(messages).hasSize(1);
    JsonNode record = JSON.readTree(messages.get(0).body()).path("Records").path(0);
    assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
    assertThat(record.path("eventName").asText()).startsWith("ObjectCreated");
    assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo(bucket);
    // Keys arrive URL-encoded, so consumers decode them: S3 writes a space as '+'; moto 5.2.1 also
    // encodes '/' as %2F, which S3 leaves as it is.
    assertThat(URLDecoder.decode(record.path("s3").path("object").path("key").asText(), UTF_8))
        .isEqualTo("posts/x.md");
    assertThat(record.path("s3").path("configurationId").asText()).isEqualTo("PostChanged");
  }

  @ParameterizedTest
  @ValueSource(strings = {"reports/x.json", "drafts/x.md"})
  void uploadOutsideTheFunctionsFilterSendsNoEvent(String key) {
    put(key, "{}");

    assertThat(receive()).isEmpty();
  }

  /** S3's suffix filters are case-sensitive: the publisher hears of every key under posts/. */
  @ParameterizedTest
  @ValueSource(strings = {"posts/x.MD", "posts/x.markdown", "posts/x.txt"})
  void everyUploadUnderPostsSendsAnEvent(String key) {
    put(key, "{}");

    assertThat(receive()).hasSize(1);
  }

  private void put(String key, String content) {
    MOTO.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(content));
  }

  private List<Message> receive() {
    List<Message> received = new ArrayList<>();
    List<Message> batch;
    do {
      batch =
          MOTO.sqs()
              .receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
              .messages();
      received.addAll(batch);
    } while (!batch.isEmpty());
    return received;
  }

  private static List<String> keys(JsonNode keySchema) {
    return pairs(keySchema, "AttributeName", "KeyType");
  }

  private static List<String> pairs(JsonNode list, String first, String second) {
    List<String> pairs = new ArrayList<>();
    list.forEach(e -> pairs.add(e.path(first).asText() + " " + e.path(second).asText()));
    return pairs;
  }

  private static List<String> texts(JsonNode list) {
    List<String> texts = new ArrayList<>();
    list.forEach(e -> texts.add(e.asText()));
    return texts;
  }
}
