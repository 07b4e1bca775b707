package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.SlugClaim;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The fault tests' invariant check itself: quiet on a consistent table, naming each damage. */
class PostsTableInvariantsIT {
  private final PublishingTestBed bed = new PublishingTestBed();

  private List<String> violations() {
    return PostsTableInvariants.violations(bed.dynamoDb, bed.table);
  }

  private void delete(Map<String, AttributeValue> key) {
    bed.dynamoDb.deleteItem(r -> r.tableName(bed.table).key(key));
  }

  @Test
  void consistentTablePassesAndEachHalfWrittenPostIsNamed() {
    StringBuilder large = new StringBuilder();
    Random random = new Random(3);
    while (large.length() < 320_000) {
      large.append(Long.toString(random.nextLong(), 36)).append(' ');
    }
    bed.publish(
        "posts/whole.md",
        post("Whole", "2025-10-01", "tags: [calm, trust]\naliases: [entire]\n", "Body."),
        "10");
    bed.publish("posts/big.md", post("Big", "2025-10-02", "", large.toString()), "10");
    bed.publish("posts/orphan.md", post("Orphan", "2025-10-03", "", "Body."), "10");
    bed.publish("posts/owner.md", post("Owner", "2025-10-04", "slug: taken\n", "Body."), "10");
    bed.publish("posts/waiting.md", post("Waiting", "2025-10-05", "slug: taken\n", "Body."), "10");
    assertThat(violations()).isEmpty();

    delete(PostMapper.tagKey("whole", "calm"));
    delete(PostMapper.contentChunkKey("big", 0));
    delete(PostMapper.postKey("orphan"));
    delete(PostMapper.claimKey("taken", "posts/waiting.md"));
    bed.dynamoDb.putItem(
        r ->
            r.tableName(bed.table)
                .item(
                    PostMapper.toItem(
                        new SlugClaim("orphan", "posts/whole.md", null, null, PublishingTestBed.NOW))));
    bed.dynamoDb.putItem(
        r ->
            r.tableName(bed.table).item(PostMapper.aliasItem("stray", "nowhere", "posts/gone.md")));

    assertThat(violations())
        .containsExactlyInAnyOrder(
            "POST#big/POST: body part 0 is missing",
            "POST#stray/ALIAS: redirects to 'nowhere', which is not a post of posts/gone.md",
            "POST#stray/ALIAS: left over: its file no longer redirects 'stray'",
            "POST#whole/POST: no entry for its tag 'calm'",
            "SOURCE#posts/orphan.md/SOURCE: its post 'orphan' does not exist",
            "SOURCE#posts/waiting.md/SOURCE: waits for 'taken' without a claim",
            "CLAIM#orphan/posts/whole.md: left over: posts/whole.md no longer waits for this name");
  }

  @Test
  void countsThatDoNotAddUpToThePostsAreNamed() {
    bed.publish("posts/now.md", post("Now", "2025-10-01", "tags: [calm]\n", "Body."), "10");
    bed.publish("posts/later.md", post("Later", "2027-03-01", "tags: [calm]\n", "Body."), "10");
    assertThat(violations()).isEmpty();

    String shard = "SHARD#" + PostMapper.countShard("posts/now.md");
    bed.dynamoDb.updateItem(
        r -> r.tableName(bed.table)
            .key(PostMapper.countShardKey(PostMapper.countShard("posts/now.md")))
            .updateExpression("ADD #t :one")
            .expressionAttributeNames(Map.of("#t", "t#calm"))
            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
    delete(PostMapper.dueKey(PostMapper.dueSortKey(java.time.Instant.parse("2027-03-01T00:00:00Z"), "later")));

    assertThat(violations())
        .anySatisfy(v -> assertThat(v).startsWith("COUNTS/" + shard + ": counts"))
        .anySatisfy(v -> assertThat(v).startsWith("COUNTS/DUE#: entries []"));
  }
}
