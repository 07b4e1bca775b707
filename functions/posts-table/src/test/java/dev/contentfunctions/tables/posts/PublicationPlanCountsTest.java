package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a change writes to the counts, decided by the plan alone. */
class PublicationPlanCountsTest {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private static final SourceVersion FIRST = new SourceVersion("posts/a.md", null, "1");
  private static final SourceVersion SECOND = new SourceVersion("posts/a.md", null, "2");

  private static List<PublicationPlan.Write> countWrites(PublicationPlan plan) {
    return plan.writes().stream()
        .filter(write -> write.item().get(PostMapper.PK).s().equals(PostMapper.COUNTS_PARTITION))
        .toList();
  }

  @Test
  void anEditKeepingTagsAndDateTouchesNoCount() {
    Post post = PostRepositoryContract.post("a", "2025-01-01T00:00:00Z", false, "calm", "trust");
    PublicationPlan first = PublicationPlan.publish(post, FIRST, Optional.empty(), null, NOW);
    assertThat(countWrites(first)).singleElement().extracting(PublicationPlan.Write::kind).isEqualTo(PublicationPlan.Write.Kind.ADD);

    PublicationPlan edit = PublicationPlan.publish(post, SECOND, Optional.of(first.source()), null, NOW);

    assertThat(countWrites(edit)).isEmpty();
  }

  @Test
  void aChangeAddsOnlyTheDifferenceToItsFilesShard() {
    Post before = PostRepositoryContract.post("a", "2025-01-01T00:00:00Z", false, "calm", "trust");
    Post after = PostRepositoryContract.post("a", "2025-01-20T00:00:00Z", false, "trust", "focus");
    PublicationPlan first = PublicationPlan.publish(before, FIRST, Optional.empty(), null, NOW);

    PublicationPlan.Write add = countWrites(PublicationPlan.publish(after, SECOND, Optional.of(first.source()), null, NOW)).get(0);

    assertThat(add.item().get(PostMapper.SK).s()).isEqualTo("SHARD#" + PostMapper.countShard("posts/a.md"));
    assertThat(add.item()).containsOnlyKeys(PostMapper.PK, PostMapper.SK, "t#calm", "t#focus");
    assertThat(add.item().get("t#calm").n()).isEqualTo("-1");
    assertThat(add.item().get("t#focus").n()).isEqualTo("1");
  }

  @Test
  void aScheduledPostIsCountedWithItsEntryAmongThoseNotYetDue() {
    Post later = PostRepositoryContract.post("a", "2026-02-01T00:00:00Z", false, "calm");

    PublicationPlan plan = PublicationPlan.publish(later, FIRST, Optional.empty(), null, NOW);

    assertThat(plan.source().counted().due()).isEqualTo(PostMapper.dueSortKey(later.publishedAt(), "a"));
    assertThat(countWrites(plan)).extracting(write -> write.item().get(PostMapper.SK).s())
        .containsExactlyInAnyOrder("SHARD#" + PostMapper.countShard("posts/a.md"), "DUE#2026-02-01T00:00:00Z#a");
  }
}
