package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.TemplateResources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** {@link StreamPoller} against moto: it follows the table's stream as it changes, losing nothing. */
class StreamPollerIT {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  private final MotoServer moto = MotoServer.shared();
  private final DynamoDbClient dynamoDb = moto.dynamoDb();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private final String table = TemplateResources.uniqueName("stream-poller");
  private DynamoDbStreamsClient streams;
  private StreamPoller poller;

  @BeforeEach
  void feedTheRecorderFromANewTable() {
    StreamRecorder.KEYS.clear();
    streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(moto.region())
            .credentialsProvider(moto.credentials())
            .build();
    String streamArn = createTable();
    CloudFormationTemplate template = TestTemplates.load("stream-template.yaml");
    FunctionDefinition definition = template.functions().get(0);
    PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
    poller =
        StreamPoller.open(
            streams,
            dynamoDb,
            streamArn,
            LocalFunction.load(template, definition, out),
            definition.events().get(0).properties(),
            out);
    Thread thread = new Thread(poller, "stream-poller-test");
    thread.setDaemon(true);
    thread.start();
  }

  @AfterEach
  void stop() {
    poller.stop();
    streams.close();
    dynamoDb.deleteTable(r -> r.tableName(table));
  }

  @Test
  void readsTheNewStreamFromItsStartWhenTheTableIsCreatedAgain() throws InterruptedException {
    put("before");
    awaitKeys(List.of("before"));

    dynamoDb.deleteTable(r -> r.tableName(table));
    createTable();
    put("first-of-the-new-stream");
    put("second-of-the-new-stream");

    awaitKeys(List.of("before", "first-of-the-new-stream", "second-of-the-new-stream"));
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("reads the new stream of " + table + " from its first record");
  }

  @Test
  void tableOfAStreamArnIsTheTableName() {
    assertThat(
            StreamPoller.tableOf(
                "arn:aws:dynamodb:us-east-1:123456789012:table/content-functions-ConsultationsTable"
                    + "/stream/2025-11-10T09:12:59.339"))
        .isEqualTo("content-functions-ConsultationsTable");
  }

  private String createTable() {
    return dynamoDb
        .createTable(
            r ->
                r.tableName(table)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST")
                    .streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
        .tableDescription()
        .latestStreamArn();
  }

  private void put(String key) {
    dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
  }

  /** Waits until exactly these keys were delivered, in this order, and no more arrive meanwhile. */
  private void awaitKeys(List<String> expected) throws InterruptedException {
    long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
    while (!StreamRecorder.KEYS.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(StreamRecorder.KEYS).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
  }
}
