package dev.contentfunctions.bench.reference;

import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What both GetItem floors do, built once per container: a DynamoDB client (URL-connection
 * client, region and credentials from the environment, endpoint from AWS_ENDPOINT_URL) and the key
 * given by BENCH_PK / BENCH_SK in POSTS_TABLE.
 */
final class SeedPost {
  private final DynamoDbClient dynamoDb =
      DynamoDbClient.builder()
          .httpClient(UrlConnectionHttpClient.create())
          .region(Region.of(System.getenv("AWS_REGION")))
          .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
          .build();
  private final String table = System.getenv("POSTS_TABLE");
  private final Map<String, AttributeValue> key =
      Map.of(
          "pk", AttributeValue.fromS(System.getenv("BENCH_PK")),
          "sk", AttributeValue.fromS(System.getenv("BENCH_SK")));

  /** One GetItem: 200 if the item is there, else 404. */
  int status() {
    return dynamoDb.getItem(r -> r.tableName(table).key(key)).hasItem() ? 200 : 404;
  }
}
