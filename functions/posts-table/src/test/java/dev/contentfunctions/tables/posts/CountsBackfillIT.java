package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A table published before the counts existed gets them, once, exactly, from its posts. */
class CountsBackfillIT {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final MotoServer MOTO = MotoServer.shared();

  private final DynamoDbClient dynamoDb = MOTO.dynamoDb();
  private final String table =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), MOTO)
          .createTable("PostsTable", TemplateResources.uniqueName("backfill"));
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The items the publisher wrote before the counts: no count items, no share in the source record. */
  private void publishedBeforeTheCounts(Post post) {
    PublicationPlan plan =
        PublicationPlan.publish(post, new SourceVersion(post.sourceKey(), null, "1"), Optional.empty(), null, NOW);
    for (PublicationPlan.Write write : plan.writes()) {
      String pk = write.item().get(PostMapper.PK).s();
      if (write.kind() != PublicationPlan.Write.Kind.PUT || pk.equals(PostMapper.COUNTS_PARTITION)) {
        continue;
      }
      Map<String, AttributeValue> item = new HashMap<>(write.item());
      item.keySet().removeAll(List.of(PostMapper.COUNTED_TAGS, PostMapper.COUNTED_AT, PostMapper.COUNTED_DUE));
      dynamoDb.putItem(r -> r.tableName(table).item(item));
    }
  }

  @Test
  void countsEveryLivePublishedPostOnceAndNothingOnASecondRun() {
    publishedBeforeTheCounts(PostRepositoryContract.post("old", "2025-01-01T00:00:00Z", false, "calm"));
    publishedBeforeTheCounts(PostRepositoryContract.post("middle", "2025-06-01T00:00:00Z", false, "calm", "trust"));
    publishedBeforeTheCounts(PostRepositoryContract.post("a-draft", "2025-08-01T00:00:00Z", true, "calm"));
    publishedBeforeTheCounts(PostRepositoryContract.post("scheduled", "2026-02-01T00:00:00Z", false, "calm"));
    // A file already published by the new version is counted by it, and left alone.
    new DynamoDbPublicationRepository(dynamoDb, table, clock)
        .publish(PostRepositoryContract.post("new", "2025-12-01T00:00:00Z", false, "trust"),
            new SourceVersion("posts/new.md", null, "1"), Optional.empty(), null);
    DynamoDbPostRepository reads = new DynamoDbPostRepository(dynamoDb, table);
    assertThat(reads.counts(NOW).tags()).containsExactly(Map.entry("trust", 1));

    assertThat(new CountsBackfill(dynamoDb, table, clock).run()).isEqualTo(3);

    assertThat(reads.counts(NOW).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 2, "trust", 2));
    assertThat(reads.counts(NOW).months())
        .containsExactlyInAnyOrderEntriesOf(Map.of(YearMonth.of(2025, 1), 1, YearMonth.of(2025, 6), 1, YearMonth.of(2025, 12), 1));
    assertThat(reads.counts(Instant.parse("2026-02-01T00:00:00Z")).tags()).containsEntry("calm", 3);
    assertThat(new CountsBackfill(dynamoDb, table, clock).run()).isZero();
    assertThat(reads.counts(NOW).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("calm", 2, "trust", 2));
  }
}
