package dev.contentfunctions.bench.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor of any Java function using the SDK: a DynamoDB client built at init (URL-connection
 * client, region and credentials from the environment, endpoint from AWS_ENDPOINT_URL) and one
 * GetItem per invocation, of the key given by BENCH_PK / BENCH_SK in POSTS_TABLE.
 */
public final class GetItemHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
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

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    boolean found = dynamoDb.getItem(r -> r.tableName(table).key(key)).hasItem();
    return Map.of("statusCode", found ? 200 : 404);
  }
}
