package dev.contentfunctions.tables.posts;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The contract on moto, with the posts table of template.yaml, written as the publisher writes it. */
class DynamoDbPostRepositoryIT extends PostRepositoryContract {
  private static final MotoServer MOTO = MotoServer.shared();
  private static final TemplateResources RESOURCES =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), MOTO);

  @Override
  PostRepository repositoryWith(List<Post> posts, Map<String, String> aliases) {
    String table = RESOURCES.createTable("PostsTable", TemplateResources.uniqueName("posts"));
    DynamoDbClient dynamoDb = MOTO.dynamoDb();
    // Published as the publisher does at NOW, so that the counts are kept as they are in use.
    PublicationRepository publisher = new DynamoDbPublicationRepository(dynamoDb, table, Clock.fixed(NOW, ZoneOffset.UTC));
    for (Post post : posts) {
      publisher.publish(post, new SourceVersion(post.sourceKey(), null, null), Optional.empty(), null);
    }
    aliases.forEach(
        (alias, target) -> dynamoDb.putItem(r -> r.tableName(table).item(PostMapper.aliasItem(alias, target, "posts/x.md"))));
    return new DynamoDbPostRepository(dynamoDb, table);
  }
}
