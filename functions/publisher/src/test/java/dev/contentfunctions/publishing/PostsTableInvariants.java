package dev.contentfunctions.publishing;

import static dev.contentfunctions.kit.aws.Attributes.bool;
import static dev.contentfunctions.kit.aws.Attributes.text;
import static dev.contentfunctions.kit.aws.Attributes.texts;

import dev.contentfunctions.tables.posts.ImageFile;
import dev.contentfunctions.tables.posts.ImageReference;
import dev.contentfunctions.tables.posts.ImageUse;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.SlugClaim;
import dev.contentfunctions.tables.posts.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What must hold of the posts table (docs/posts-table.md) whatever failed part-way through a
 * publish: every post whole, every other item pointing at a post that exists, no source record
 * without its post, nothing left over from an earlier version, and a file waits for a name only
 * while another file holds it (with its claim, and no claim without a waiting file). Reads the whole table with a Scan, a
 * test's view that the functions never take.
 */
final class PostsTableInvariants {
  private final Map<String, Map<String, Map<String, AttributeValue>>> partitions = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  private PostsTableInvariants(Iterable<Map<String, AttributeValue>> items) {
    items.forEach(
        item ->
            partitions
                .computeIfAbsent(text(item, PostMapper.PK), pk -> new TreeMap<>())
                .put(text(item, PostMapper.SK), item));
  }

  /** Every broken rule, each naming its item; empty when the table is consistent. */
  static List<String> violations(DynamoDbClient dynamoDb, String table) {
    return violations(dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items());
  }

  /** The same, of every item of a table (the in-memory one's, say). */
  static List<String> violations(Iterable<Map<String, AttributeValue>> table) {
    PostsTableInvariants check = new PostsTableInvariants(table);
    check.partitions.forEach(
        (pk, items) ->
            items.forEach(
                (sk, item) -> {
                  if (pk.startsWith("SOURCE#")) {
                    check.source(PostMapper.sourceFromItem(item));
                  } else if (pk.startsWith("IMAGEREF#")) {
                    check.imageReference(pk, sk, PostMapper.imageReferenceFromItem(item));
                  } else if (pk.startsWith("IMAGE#") && sk.equals("IMAGE")) {
                    check.image(pk, PostMapper.imageFromItem(item));
                  } else if (pk.startsWith("NOTICE#")) {
                    // a mark that the author was told of an upload: nothing refers to it
                  } else if (pk.startsWith("CLAIM#")) {
                    check.claim(pk, sk, PostMapper.claimFromItem(item));
                  } else if (sk.equals("POST")) {
                    check.post(pk, item);
                  } else if (sk.startsWith("TAG#")) {
                    check.tag(pk, sk, item);
                  } else if (sk.startsWith(PostMapper.contentChunkPrefix())) {
                    check.contentChunk(pk, sk);
                  } else if (sk.equals("ALIAS")) {
                    check.alias(pk, item);
                  } else if (pk.equals(PostMapper.COUNTS_PARTITION)) {
                    // Checked as a whole below.
                  } else {
                    check.violations.add(pk + "/" + sk + ": an item of no known type");
                  }
                }));
    check.counts();
    return check.violations;
  }

  /**
   * The counts are what the live files' posts add up to: each shard the sum of its files' shares
   * (one per tag and one per month of every post that is not a draft), and an entry among the
   * posts not yet due for exactly those files whose share says so.
   */
  private void counts() {
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    Set<String> expectedDue = new TreeSet<>();
    partitions.forEach(
        (pk, items) -> {
          if (pk.startsWith("SOURCE#")) {
            SourceFile source = PostMapper.sourceFromItem(items.get("SOURCE"));
            SourceFile.Counted counted = source.counted();
            if (counted.isNone()) {
              return;
            }
            Map<String, Long> shard =
                expected.computeIfAbsent(text(PostMapper.countShardKey(PostMapper.countShard(source.key())), PostMapper.SK), k -> new TreeMap<>());
            counted.tags().forEach(tag -> shard.merge("t#" + tag, 1L, Long::sum));
            shard.merge("m#" + PostMapper.month(counted.publishedAt()), 1L, Long::sum);
            if (counted.due() != null) {
              expectedDue.add(counted.due());
            }
          }
        });
    Map<String, Map<String, AttributeValue>> stored = partitions.getOrDefault(PostMapper.COUNTS_PARTITION, Map.of());
    Set<String> due = new TreeSet<>();
    Set<String> shards = new TreeSet<>(expected.keySet());
    stored.forEach(
        (sk, item) -> {
          if (sk.startsWith("DUE#")) {
            due.add(sk);
            return;
          }
          shards.add(sk);
        });
    for (String sk : shards) {
      Map<String, Long> counters = new TreeMap<>();
      stored.getOrDefault(sk, Map.of()).forEach(
          (name, value) -> {
            if ((name.startsWith("t#") || name.startsWith("m#")) && Long.parseLong(value.n()) != 0) {
              counters.put(name, Long.parseLong(value.n()));
            }
          });
      if (!counters.equals(expected.getOrDefault(sk, Map.of()))) {
        violation(PostMapper.COUNTS_PARTITION, sk, "counts " + counters + ", but its files' posts add up to " + expected.getOrDefault(sk, Map.of()));
      }
    }
    if (!due.equals(expectedDue)) {
      violation(PostMapper.COUNTS_PARTITION, "DUE#", "entries " + due + ", but the files' records say " + expectedDue);
    }
  }

  private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    return partitions
        .getOrDefault(text(key, PostMapper.PK), Map.of())
        .get(text(key, PostMapper.SK));
  }

  private void violation(String pk, String sk, String what) {
    violations.add(pk + "/" + sk + ": " + what);
  }

  /** The post is whole: its body parts, its tag entries, its listing keys, a live source. */
  private void post(String pk, Map<String, AttributeValue> post) {
    String slug = text(post, PostMapper.SLUG);
    if (!pk.equals(PostMapper.postPartition(slug))) {
      violation(pk, "POST", "holds the post of slug '" + slug + "'");
    }
    Map<String, AttributeValue> source =
        item(PostMapper.sourceKey(text(post, PostMapper.SOURCE_KEY)));
    if (source == null
        || PostMapper.sourceFromItem(source).removed()
        || !slug.equals(PostMapper.sourceFromItem(source).slug())) {
      violation(pk, "POST", "no live source record names this post");
    }
    for (String tag : texts(post, PostMapper.TAGS)) {
      if (item(PostMapper.tagKey(slug, tag)) == null) {
        violation(pk, "POST", "no entry for its tag '" + tag + "'");
      }
    }
    List<Map<String, AttributeValue>> chunks = new ArrayList<>();
    for (int i = 0; i < PostMapper.contentChunks(post); i++) {
      Map<String, AttributeValue> chunk = item(PostMapper.contentChunkKey(slug, i));
      if (chunk == null) {
        violation(pk, "POST", "body part " + i + " is missing");
        return;
      }
      chunks.add(chunk);
    }
    try {
      Post read = PostMapper.fromItems(post, chunks);
      for (ImageUse use : read.images()) {
        if (item(PostMapper.imageReferenceKey(use.key(), read.sourceKey())) == null) {
          violation(pk, "POST", "uses " + use.key() + " but is not among its references: it would miss its changes");
        }
      }
    } catch (RuntimeException e) {
      violation(pk, "POST", "the body does not read back: " + e);
    }
    // Drafts are in no listing (the index is sparse); the others by date, then slug.
    String expectedList =
        bool(post, PostMapper.DRAFT)
            ? null
            : PostMapper.listSortKey(PostMapper.summaryFromItem(post).publishedAt(), slug);
    if (!Objects.equals(text(post, PostMapper.LIST_SK), expectedList)) {
      violation(
          pk,
          "POST",
          "listing key " + text(post, PostMapper.LIST_SK) + ", expected " + expectedList);
    }
  }

  /** A ready image points at its variants and crop; a refused one says why; a removed one neither. */
  private void image(String pk, ImageFile image) {
    boolean ready = image.state() == ImageFile.State.READY;
    if (ready != (!image.variants().isEmpty() && image.openGraph() != null)) {
      violation(pk, "IMAGE", image.state() + " with " + image.paths().size() + " media objects");
    }
    if ((image.state() == ImageFile.State.REFUSED) != (image.reason() != null)) {
      violation(pk, "IMAGE", image.state() + " with reason " + image.reason());
    }
  }

  /** A reference belongs to the live version of a file whose post uses the image. */
  private void imageReference(String pk, String sk, ImageReference reference) {
    Map<String, AttributeValue> item = item(PostMapper.sourceKey(reference.sourceKey()));
    SourceFile source = item == null ? null : PostMapper.sourceFromItem(item);
    if (source == null || source.removed() || !Objects.equals(source.sequencer(), reference.sequencer())) {
      violation(pk, sk, "left over: not the live version of " + reference.sourceKey());
      return;
    }
    if (!source.images().contains(reference.imageKey())) {
      violation(pk, sk, "left over: the post of " + reference.sourceKey() + " does not use the image");
    }
  }

  /** A tag entry belongs to an existing post that has the tag, and lists it as the post does. */
  private void tag(String pk, String sk, Map<String, AttributeValue> entry) {
    Map<String, AttributeValue> post = partitions.get(pk).get("POST");
    String tag = sk.substring("TAG#".length());
    if (post == null) {
      violation(pk, sk, "tag entry of a post that does not exist");
      return;
    }
    if (!texts(post, PostMapper.TAGS).contains(tag)) {
      violation(pk, sk, "the post no longer has this tag");
    }
    if (!PostMapper.summaryFromItem(entry).equals(PostMapper.summaryFromItem(post))) {
      violation(pk, sk, "its summary differs from the post's: another version's");
    }
    String expectedList = text(post, PostMapper.LIST_PK) == null ? null : PostMapper.tagList(tag);
    if (!Objects.equals(text(entry, PostMapper.LIST_PK), expectedList)
        || !Objects.equals(text(entry, PostMapper.LIST_SK), text(post, PostMapper.LIST_SK))) {
      violation(pk, sk, "listed differently from its post");
    }
  }

  private void contentChunk(String pk, String sk) {
    Map<String, AttributeValue> post = partitions.get(pk).get("POST");
    int index = Integer.parseInt(sk.substring(PostMapper.contentChunkPrefix().length()));
    if (post == null || index >= PostMapper.contentChunks(post)) {
      violation(pk, sk, "body part that no post uses");
    }
  }

  /** A redirect leads to an existing post, of the same file, which still claims it. */
  private void alias(String pk, Map<String, AttributeValue> alias) {
    String target = PostMapper.aliasTarget(alias);
    String sourceKey = text(alias, PostMapper.SOURCE_KEY);
    Map<String, AttributeValue> post = item(PostMapper.postKey(target));
    if (post == null || !sourceKey.equals(text(post, PostMapper.SOURCE_KEY))) {
      violation(pk, "ALIAS", "redirects to '" + target + "', which is not a post of " + sourceKey);
    }
    Map<String, AttributeValue> source = item(PostMapper.sourceKey(sourceKey));
    String name = pk.substring(PostMapper.postPartition("").length());
    if (source == null || !redirects(PostMapper.sourceFromItem(source)).contains(name)) {
      violation(pk, "ALIAS", "left over: its file no longer redirects '" + name + "'");
    }
  }

  /**
   * A claim belongs to a file whose last applied version waits for that name; or, while the file
   * that freed the name still has the hand-over pending (an invocation failed part-way), to the file
   * just published under it whose report is not written yet.
   */
  private void claim(String pk, String sk, SlugClaim claim) {
    Map<String, AttributeValue> item = item(PostMapper.sourceKey(claim.sourceKey()));
    SourceFile source = item == null ? null : PostMapper.sourceFromItem(item);
    boolean current = source != null && Objects.equals(claim.sequencer(), source.sequencer());
    boolean waiting = current && claim.name().equals(source.waitingFor());
    boolean reportPending =
        current
            && source.waitingFor() == null
            && claim.name().equals(source.slug())
            && handOverPending(claim.name());
    if (!waiting && !reportPending) {
      violation(pk, sk, "left over: " + claim.sourceKey() + " no longer waits for this name");
    }
  }

  /** Some file freed {@code name} with its last event, and a retry of that event finishes the job. */
  private boolean handOverPending(String name) {
    return partitions.entrySet().stream()
        .filter(partition -> partition.getKey().startsWith("SOURCE#"))
        .flatMap(partition -> partition.getValue().values().stream())
        .anyMatch(source -> PostMapper.sourceFromItem(source).released().contains(name));
  }

  /**
   * A waiting file has its claim, and the name it waits for is held by another file: otherwise it
   * should have been published.
   */
  private void waiting(String pk, SourceFile source) {
    Map<String, AttributeValue> claim = item(PostMapper.claimKey(source.waitingFor(), source.key()));
    if (claim == null) {
      violation(pk, "SOURCE", "waits for '" + source.waitingFor() + "' without a claim");
    }
    boolean held =
        Stream.of(PostMapper.postKey(source.waitingFor()), PostMapper.aliasKey(source.waitingFor()))
            .map(this::item)
            .anyMatch(
                holder ->
                    holder != null && !source.key().equals(text(holder, PostMapper.SOURCE_KEY)));
    if (!held && !handOverPending(source.waitingFor())) {
      violation(pk, "SOURCE", "waits for '" + source.waitingFor() + "', which no other file holds");
    }
  }

  /** A live source has its post, as recorded; a removed one has left nothing behind. */
  private void source(SourceFile source) {
    String pk = "SOURCE#" + source.key();
    if (source.waitingFor() != null) {
      waiting(pk, source);
    }
    if (source.removed()) {
      partitions.forEach(
          (otherPk, items) ->
              items.forEach(
                  (sk, item) -> {
                    if (!otherPk.startsWith("SOURCE#")
                        && !otherPk.startsWith("CLAIM#")
                        && source.key().equals(text(item, PostMapper.SOURCE_KEY))) {
                      violation(
                          pk, "SOURCE", "removed, but " + otherPk + "/" + sk + " is still there");
                    }
                  }));
      return;
    }
    Map<String, AttributeValue> post = item(PostMapper.postKey(source.slug()));
    if (post == null || !source.key().equals(text(post, PostMapper.SOURCE_KEY))) {
      violation(pk, "SOURCE", "its post '" + source.slug() + "' does not exist");
      return;
    }
    if (!new HashSet<>(texts(post, PostMapper.TAGS)).equals(new HashSet<>(source.tags()))
        || PostMapper.contentChunks(post) != source.contentChunks()) {
      violation(pk, "SOURCE", "records other tags or body parts than its post has");
    }
    SourceFile.Counted counted = source.counted();
    boolean countedAsPosted =
        bool(post, PostMapper.DRAFT)
            ? counted.isNone()
            : !counted.isNone()
                && new HashSet<>(counted.tags()).equals(new HashSet<>(texts(post, PostMapper.TAGS)))
                && counted.publishedAt().equals(PostMapper.summaryFromItem(post).publishedAt());
    if (!countedAsPosted) {
      violation(pk, "SOURCE", "its share of the counts " + counted + " is not its post's");
    }
    for (String name : redirects(source)) {
      Map<String, AttributeValue> alias = item(PostMapper.aliasKey(name));
      if (alias == null || !source.slug().equals(PostMapper.aliasTarget(alias))) {
        violation(pk, "SOURCE", "the redirect '" + name + "' is missing");
      }
    }
  }

  private static Set<String> redirects(SourceFile source) {
    Set<String> redirects = new LinkedHashSet<>(source.aliases());
    redirects.addAll(source.formerSlugs());
    redirects.remove(source.slug());
    return redirects;
  }
}
