package dev.contentfunctions.tables.posts;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The contract against moto, on a table created from template.yaml under a fresh name per test. */
class DynamoDbPublicationRepositoryIT extends PublicationRepositoryContract {
  private DynamoDbClient dynamoDb;
  private String table;

  @Override
  PublicationRepository repository() {
    MotoServer moto = MotoServer.shared();
    dynamoDb = moto.dynamoDb();
    table =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto)
            .createTable("PostsTable", TemplateResources.uniqueName("posts"));
    return new DynamoDbPublicationRepository(dynamoDb, table, CLOCK);
  }

  @Override
  TagCounts counts(Instant now) {
    return new DynamoDbPostRepository(dynamoDb, table).counts(now);
  }

  @Override
  Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }
}
