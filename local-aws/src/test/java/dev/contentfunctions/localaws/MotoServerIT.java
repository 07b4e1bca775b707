package dev.contentfunctions.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class MotoServerIT {

  @Test
  void sharedIsOneServerPerJvm() {
    assertThat(MotoServer.shared()).isSameAs(MotoServer.shared());
  }

  @Test
  void clientsAreBuiltOnceAndReachTheServer() {
    MotoServer moto = MotoServer.shared();

    assertThat(moto.dynamoDb()).isSameAs(moto.dynamoDb());
    assertThat(moto.s3()).isSameAs(moto.s3());
    assertThat(moto.sqs()).isSameAs(moto.sqs());
    moto.dynamoDb().listTables();
    moto.s3().listBuckets();
    moto.sqs().listQueues();
    assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(moto.region().id()).isEqualTo("us-east-1");
    assertThat(moto.logFile()).exists();
  }

  @Test
  void closeStopsAPrivateServerAndEverythingItStarted() throws IOException {
    long started = System.nanoTime();
    MotoServer moto = MotoServer.start();
    System.out.printf(
        "moto_server answered after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    URI endpoint = moto.endpoint();
    String port = String.valueOf(endpoint.getPort());
    assertThat(endpoint).isNotEqualTo(MotoServer.shared().endpoint());
    assertThat(motoProcessesOnPort(port)).isPositive();

    moto.close();

    assertThat(motoProcessesOnPort(port)).isZero();
    HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
    assertThatThrownBy(connection::getResponseCode).isInstanceOf(ConnectException.class);
  }

  /**
   * As in DynamoDB, a cancelled transaction leaves no trace in the table's stream, and the stream
   * goes on: moto cancels by putting back a copy of the table, whose stream would be a copy too,
   * so a reader would see the cancelled writes and then nothing more.
   */
  @Test
  void aCancelledTransactionWritesNoStreamRecordAndTheStreamGoesOn() {
    MotoServer moto = MotoServer.shared();
    DynamoDbClient dynamoDb = moto.dynamoDb();
    String table = TemplateResources.uniqueName("cancelled");
    String streamArn =
        dynamoDb
            .createTable(
                r ->
                    r.tableName(table)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .billingMode("PAY_PER_REQUEST")
                        .streamSpecification(
                            st -> st.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
            .tableDescription()
            .latestStreamArn();
    try (DynamoDbStreamsClient streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(moto.region())
            .credentialsProvider(moto.credentials())
            .build()) {
      String shard =
          streams
              .describeStream(r -> r.streamArn(streamArn))
              .streamDescription()
              .shards()
              .get(0)
              .shardId();
      String iterator =
          streams
              .getShardIterator(
                  r ->
                      r.streamArn(streamArn)
                          .shardId(shard)
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("taken"))));
      // The first write is applied before the second's condition fails: moto then rolls back.
      assertThatThrownBy(
              () ->
                  dynamoDb.transactWriteItems(
                      r ->
                          r.transactItems(
                              put(table, "cancelled", "attribute_not_exists(pk)"),
                              put(table, "taken", "attribute_not_exists(pk)"))))
          .isInstanceOf(TransactionCanceledException.class);
      dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS("after"))));

      String from = iterator;
      List<String> keys =
          streams.getRecords(r -> r.shardIterator(from)).records().stream()
              .map(record -> record.dynamodb().keys().get("pk").s())
              .toList();
      assertThat(keys).containsExactly("taken", "after");
    } finally {
      dynamoDb.deleteTable(r -> r.tableName(table));
    }
  }

  private static TransactWriteItem put(
      String table, String key, String condition) {
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName(table)
                    .item(Map.of("pk", AttributeValue.fromS(key)))
                    .conditionExpression(condition))
        .build();
  }

  private static long motoProcessesOnPort(String port) {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            p -> p.info().arguments().map(args -> Arrays.asList(args).contains(port)).orElse(false))
        .count();
  }
}
