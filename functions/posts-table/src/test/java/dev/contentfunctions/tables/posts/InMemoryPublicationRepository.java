package dev.contentfunctions.tables.posts;

import static dev.contentfunctions.kit.aws.Attributes.text;

import dev.contentfunctions.tables.posts.PublicationPlan.Absent;
import dev.contentfunctions.tables.posts.PublicationPlan.Always;
import dev.contentfunctions.tables.posts.PublicationPlan.Condition;
import dev.contentfunctions.tables.posts.PublicationPlan.FreeOrOwnedBy;
import dev.contentfunctions.tables.posts.PublicationPlan.HeldByAnother;
import dev.contentfunctions.tables.posts.PublicationPlan.RevisionIs;
import dev.contentfunctions.tables.posts.PublicationPlan.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The posts table in memory, for fast tests of what uses it: the same items PostMapper writes,
 * under the same {@link PublicationPlan}, committed all or nothing under the same conditions as
 * DynamoDB's transaction (one lock stands for DynamoDB's isolation). Passes the same contract as
 * {@link DynamoDbPublicationRepository}.
 */
public final class InMemoryPublicationRepository implements PublicationRepository {
  private final TreeMap<String, Map<String, AttributeValue>> items = new TreeMap<>();
  private final Clock clock;

  public InMemoryPublicationRepository(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<SourceFile> findSource(String key) {
    return Optional.ofNullable(item(PostMapper.sourceKey(key))).map(PostMapper::sourceFromItem);
  }

  @Override
  public SourceFile publish(Post post, SourceVersion version, Optional<SourceFile> previous, SlugClaim promoted) {
    return commit(PublicationPlan.publish(post, version, previous, promoted, clock.instant()));
  }

  @Override
  public SourceFile remove(SourceVersion version, Optional<SourceFile> previous) {
    return commit(PublicationPlan.remove(version, previous, clock.instant()));
  }

  @Override
  public SourceFile backfillCounts(SourceFile source, PostSummary post) {
    return commit(PublicationPlan.backfill(source, post, clock.instant()));
  }

  @Override
  public void waitFor(NameTakenException taken, SourceVersion version, Optional<SourceFile> previous) {
    commit(PublicationPlan.waitFor(taken, version, previous, clock.instant()));
  }

  @Override
  public synchronized List<SlugClaim> claims(String name) {
    String partition = PostMapper.claimPartition(name);
    List<SlugClaim> claims = new ArrayList<>();
    for (Map<String, AttributeValue> item : items.values()) {
      if (partition.equals(text(item, PostMapper.PK))) {
        claims.add(PostMapper.claimFromItem(item));
      }
    }
    claims.sort(Comparator.comparing(SlugClaim::claimedAt).thenComparing(SlugClaim::sourceKey));
    return claims;
  }

  @Override
  public synchronized void dropClaim(SlugClaim claim) {
    Map<String, AttributeValue> key = PostMapper.claimKey(claim.name(), claim.sourceKey());
    Map<String, AttributeValue> item = item(key);
    if (item == null || Objects.equals(PostMapper.sequencerOf(item), claim.sequencer())) {
      items.remove(id(key));
    }
  }

  @Override
  public synchronized Optional<ImageFile> findImage(String key) {
    return Optional.ofNullable(item(PostMapper.imageKey(key))).map(PostMapper::imageFromItem);
  }

  @Override
  public synchronized Map<String, ImageFile> findImages(Collection<String> keys) {
    Map<String, ImageFile> found = new HashMap<>();
    keys.forEach(key -> findImage(key).ifPresent(image -> found.put(key, image)));
    return found;
  }

  @Override
  public synchronized void saveImage(ImageFile next, Optional<ImageFile> previous, Instant expiresAt) {
    Map<String, AttributeValue> item = PostMapper.toItem(next, expiresAt);
    Condition condition = previous.isEmpty() ? new Absent() : new RevisionIs(previous.get().revision());
    if (!holds(condition, items.get(id(item)))) {
      throw new ConcurrentChangeException(next.key());
    }
    items.put(id(item), Map.copyOf(item));
  }

  @Override
  public synchronized boolean markNotice(String key, String fingerprint, Instant expiresAt) {
    Map<String, AttributeValue> item = PostMapper.noticeItem(key, fingerprint, expiresAt);
    return items.putIfAbsent(id(item), Map.copyOf(item)) == null;
  }

  @Override
  public synchronized List<ImageReference> imageReferences(String imageKey) {
    return partition(PostMapper.imageReferencePartition(imageKey)).stream()
        .map(PostMapper::imageReferenceFromItem)
        .toList();
  }

  /** The item under {@code key}, or null: for tests to look at what was stored. */
  public synchronized Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return items.get(id(key));
  }

  /** Every item, as a Scan of the table would return them. */
  public synchronized List<Map<String, AttributeValue>> items() {
    return List.copyOf(items.values());
  }

  /** Every item of a partition, in sort key order, as a Query would return them. */
  public synchronized List<Map<String, AttributeValue>> partition(String pk) {
    return items.subMap(pk + '\u0000', pk + '\u0001').values().stream().toList();
  }

  private synchronized SourceFile commit(PublicationPlan plan) {
    Set<String> touched = new HashSet<>();
    List<Condition> failed = new ArrayList<>();
    for (Write write : plan.writes()) {
      if (!touched.add(id(write.item()))) {
        // DynamoDB refuses a transaction naming one item twice, whatever the conditions.
        throw new IllegalStateException("The plan writes one item twice: " + id(write.item()));
      }
      if (!holds(write.condition(), items.get(id(write.item())))) {
        failed.add(write.condition());
      }
    }
    if (!failed.isEmpty()) {
      throw PublicationPlan.explain(plan.source().key(), failed);
    }
    for (Write write : plan.writes()) {
      switch (write.kind()) {
        case PUT -> items.put(id(write.item()), Map.copyOf(write.item()));
        case DELETE -> items.remove(id(write.item()));
        case CHECK -> {}
        case ADD -> items.put(id(write.item()), added(items.get(id(write.item())), write.item()));
      }
    }
    return plan.source();
  }

  /** DynamoDB's ADD: each number added to the stored one, the item and the number created if absent. */
  private static Map<String, AttributeValue> added(Map<String, AttributeValue> stored, Map<String, AttributeValue> numbers) {
    Map<String, AttributeValue> item = new HashMap<>(stored == null ? Map.of() : stored);
    numbers.forEach(
        (name, value) -> {
          if (name.equals(PostMapper.PK) || name.equals(PostMapper.SK)) {
            item.put(name, value);
          } else {
            AttributeValue old = item.get(name);
            long sum = Long.parseLong(value.n()) + (old == null ? 0 : Long.parseLong(old.n()));
            item.put(name, AttributeValue.fromN(Long.toString(sum)));
          }
        });
    return Map.copyOf(item);
  }

  private static boolean holds(Condition condition, Map<String, AttributeValue> item) {
    if (condition instanceof Always) {
      return true;
    }
    if (condition instanceof Absent) {
      return item == null;
    }
    if (condition instanceof RevisionIs revision) {
      return item != null && PostMapper.revisionOf(item) == revision.revision();
    }
    if (condition instanceof FreeOrOwnedBy owned) {
      return item == null || owned.sourceKey().equals(PostMapper.sourceKeyOf(item));
    }
    if (condition instanceof HeldByAnother held) {
      return item != null && !held.sourceKey().equals(PostMapper.sourceKeyOf(item));
    }
    throw new IllegalArgumentException("Unknown condition " + condition);
  }

  private static String id(Map<String, AttributeValue> key) {
    return text(key, PostMapper.PK) + '\u0000' + text(key, PostMapper.SK);
  }
}
