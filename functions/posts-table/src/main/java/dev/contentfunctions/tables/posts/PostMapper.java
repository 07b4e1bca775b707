package dev.contentfunctions.tables.posts;

import static dev.contentfunctions.kit.aws.Attributes.bool;
import static dev.contentfunctions.kit.aws.Attributes.key;
import static dev.contentfunctions.kit.aws.Attributes.number;
import static dev.contentfunctions.kit.aws.Attributes.putIfPresent;
import static dev.contentfunctions.kit.aws.Attributes.text;
import static dev.contentfunctions.kit.aws.Attributes.texts;

import com.fasterxml.jackson.core.JsonParser;
import dev.contentfunctions.kit.json.JsonReader;
import dev.contentfunctions.kit.json.JsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Every attribute name and conversion of the posts table, in one place. The design (access patterns
 * and the key serving each) is in docs/posts-table.md; in short, one table holds:
 *
 * <pre>
 * pk              sk          what
 * POST#slug       POST        the post: metadata + gzipped body (inline, or split into CONTENT#n)
 * POST#slug       TAG#tag     one per tag: a summary, indexed under TAG#tag
 * POST#slug       CONTENT#n   part n of a large body
 * POST#alias      ALIAS       a former slug or front-matter alias: redirects to the current slug
 * SOURCE#s3key    SOURCE      the publisher's record of the file (slug, last sequencer, revision)
 * CLAIM#name      s3key       a file waiting for a slug or alias another file's post holds
 * IMAGE#s3key     IMAGE       the publisher's record of an image file: its variants, or why refused
 * IMAGEREF#s3key  s3key       a Markdown file whose live post uses the image (re-rendered when it changes)
 * COUNTS          SHARD#n     counts per tag (t#tag) and month (m#2025-11) of the posts of files hashed to n
 * COUNTS          DUE#at#slug a post not due when written: taken off the counts while its date is ahead
 * </pre>
 *
 * The ByDate index (listPk, listSk) holds published posts under "PUBLISHED" and each tag's posts
 * under "TAG#tag", sorted by "publishedAt#slug"; drafts carry no listPk, so they are in no listing.
 */
public final class PostMapper {
  public static final String PK = "pk";
  public static final String SK = "sk";
  public static final String LIST_PK = "listPk";
  public static final String LIST_SK = "listSk";
  public static final String BY_DATE_INDEX = "ByDate";
  public static final String PUBLISHED_LIST = "PUBLISHED";
  public static final String EXPIRES_AT = "expiresAt";

  public static final String SLUG = "slug";
  public static final String TITLE = "title";
  public static final String DESCRIPTION = "description";
  public static final String EXCERPT = "excerpt";
  public static final String PUBLISHED_AT = "publishedAt";
  public static final String UPDATED_AT = "updatedAt";
  public static final String TAGS = "tags";
  public static final String AUTHOR = "author";
  public static final String DRAFT = "draft";
  public static final String IMAGE = "image";
  public static final String ALIASES = "aliases";
  public static final String EXTRA = "extra";
  public static final String WORD_COUNT = "wordCount";
  public static final String READING_MINUTES = "readingMinutes";
  public static final String CONTENT_HASH = "contentHash";
  public static final String SOURCE_KEY = "sourceKey";
  public static final String CONTENT = "content";
  public static final String CONTENT_CHUNKS = "contentChunks";
  public static final String TARGET = "target";
  public static final String SEQUENCER = "sequencer";
  public static final String REVISION = "revision";
  public static final String REMOVED = "removed";
  public static final String FORMER_SLUGS = "formerSlugs";
  public static final String WAITING_FOR = "waitingFor";
  public static final String RELEASED = "released";
  public static final String NAME = "name";
  public static final String VERSION_ID = "versionId";
  public static final String CLAIMED_AT = "claimedAt";
  public static final String IMAGE_KEY = "imageKey";
  public static final String IMAGES = "images";
  public static final String STATE = "state";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String VARIANTS = "variants";
  public static final String OPEN_GRAPH = "openGraph";
  public static final String REASON = "reason";
  public static final String PATH = "path";
  public static final String SRC = "src";
  public static final String ALT = "alt";
  public static final String SRCSET = "srcset";
  public static final String COUNTED_TAGS = "countedTags";
  public static final String COUNTED_AT = "countedAt";
  public static final String COUNTED_DUE = "countedDue";

  /**
   * DynamoDB items are limited to 400 KB. A gzipped body up to this size stays in the post item
   * (one GetItem serves the page); a larger one is split into CONTENT#n items of {@link
   * #CHUNK_BYTES}, read with one Query. Both leave room for the metadata beside them.
   */
  static final int INLINE_CONTENT_BYTES = 200_000;

  static final int CHUNK_BYTES = 350_000;

  private static final DateTimeFormatter SORTABLE_INSTANT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private PostMapper() {}

  // ------------------------------------------------------------------ keys

  public static Map<String, AttributeValue> postKey(String slug) {
    return key("POST#" + slug, "POST");
  }

  public static Map<String, AttributeValue> tagKey(String slug, String tag) {
    return key("POST#" + slug, "TAG#" + tag);
  }

  public static Map<String, AttributeValue> contentChunkKey(String slug, int index) {
    return key("POST#" + slug, contentChunkSortKey(index));
  }

  public static Map<String, AttributeValue> aliasKey(String slug) {
    return key("POST#" + slug, "ALIAS");
  }

  public static Map<String, AttributeValue> sourceKey(String s3Key) {
    return key("SOURCE#" + s3Key, "SOURCE");
  }

  /**
   * The mark that the author was told of one upload's outcome: {@code NOTICE#<s3 key>} with the
   * notice's fingerprint as sort key (a retry makes the same notice, so it finds the mark).
   */
  public static Map<String, AttributeValue> noticeKey(String s3Key, String fingerprint) {
    return key("NOTICE#" + s3Key, fingerprint);
  }

  /** A notice's mark, kept until {@code expiresAt} (TTL): longer than Lambda retries an event. */
  public static Map<String, AttributeValue> noticeItem(String s3Key, String fingerprint, Instant expiresAt) {
    Map<String, AttributeValue> item = noticeKey(s3Key, fingerprint);
    item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    return item;
  }

  public static Map<String, AttributeValue> claimKey(String name, String s3Key) {
    return key(claimPartition(name), s3Key);
  }

  public static Map<String, AttributeValue> imageKey(String s3Key) {
    return key("IMAGE#" + s3Key, "IMAGE");
  }

  public static Map<String, AttributeValue> imageReferenceKey(String imageKey, String sourceKey) {
    return key(imageReferencePartition(imageKey), sourceKey);
  }

  /** The partition of the files whose posts use an image, for the Query that reads them. */
  public static String imageReferencePartition(String imageKey) {
    return "IMAGEREF#" + imageKey;
  }

  /** The partition of the files waiting for a name, for the Query that reads them. */
  public static String claimPartition(String name) {
    return "CLAIM#" + name;
  }

  /** The partition key of a post's items, for the Query that reads the parts of a large body. */
  public static String postPartition(String slug) {
    return "POST#" + slug;
  }

  public static String contentChunkPrefix() {
    return "CONTENT#";
  }

  public static String tagList(String tag) {
    return "TAG#" + tag;
  }

  /** The ByDate sort key: fixed-width UTC time, so string order is time order, then the slug. */
  public static String listSortKey(Instant publishedAt, String slug) {
    return sortableInstant(publishedAt) + "#" + slug;
  }

  /** Upper bound for "published and date <= now" as a key condition: {@code listSk <= bound}. */
  public static String listSortUpperBound(Instant now) {
    return sortableInstant(now) + "#\uffff";
  }

  static String sortableInstant(Instant instant) {
    return SORTABLE_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String contentChunkSortKey(int index) {
    return String.format("CONTENT#%03d", index);
  }

  // ------------------------------------------------------------------ reads (the read API's queries)

  /** The ByDate partition of a listing. */
  public static String listPartition(Listing listing) {
    return listing.tag().map(tag -> tagList(tag.value())).orElse(PUBLISHED_LIST);
  }

  /** A listing's posts due at {@code now}, newest first: a key condition on the date, no filter. */
  public static QueryRequest.Builder listingQuery(String table, Listing listing, Instant now) {
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_DATE_INDEX)
        .keyConditionExpression("listPk = :list AND listSk <= :now")
        .expressionAttributeValues(
            Map.of(":list", text(listPartition(listing)), ":now", text(listSortUpperBound(now))))
        .scanIndexForward(false);
  }

  /**
   * The ByDate index's ExclusiveStartKey for a page after {@code position}: the index keys and the
   * table keys of the item read last.
   */
  public static Map<String, AttributeValue> listingStartKey(Listing listing, ListPosition position) {
    String slug = position.slug().value();
    Map<String, AttributeValue> key =
        new HashMap<>(listing.tag().map(tag -> tagKey(slug, tag.value())).orElseGet(() -> postKey(slug)));
    key.put(LIST_PK, text(listPartition(listing)));
    key.put(LIST_SK, text(listSortKey(position.publishedAt(), slug)));
    return key;
  }

  /**
   * The published posts due at {@code now} just older than {@code post} (newest first) or newer
   * (oldest first), the post itself excluded by {@link #isListSortKey}. Key conditions allow one
   * range, so "newer" reads BETWEEN the post and now, which includes the post when it is due.
   */
  public static QueryRequest.Builder neighbourQuery(String table, Post post, Instant now, boolean older) {
    String current = listSortKey(post.publishedAt(), post.slug());
    String due = listSortUpperBound(now);
    QueryRequest.Builder query = QueryRequest.builder().tableName(table).indexName(BY_DATE_INDEX);
    if (older) {
      // Below the post and below now: a scheduled post (seen in preview) has no scheduled neighbour.
      String bound = current.compareTo(due) < 0 ? current : due;
      return query
          .keyConditionExpression("listPk = :list AND listSk < :bound")
          .expressionAttributeValues(Map.of(":list", text(PUBLISHED_LIST), ":bound", text(bound)))
          .scanIndexForward(false)
          .limit(1);
    }
    return query
        .keyConditionExpression("listPk = :list AND listSk BETWEEN :current AND :now")
        .expressionAttributeValues(
            Map.of(":list", text(PUBLISHED_LIST), ":current", text(current), ":now", text(due)))
        .scanIndexForward(true)
        .limit(2);
  }

  /**
   * The published posts of {@code month} due at {@code now}, newest first, with only what a sitemap
   * shows (their slug and dates); empty (null) when the month starts after {@code now}.
   */
  public static QueryRequest.Builder monthQuery(String table, YearMonth month, Instant now) {
    Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (start.isAfter(now)) {
      return null;
    }
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1);
    String to = listSortUpperBound(end.isBefore(now) ? end : now);
    return QueryRequest.builder()
        .tableName(table)
        .indexName(BY_DATE_INDEX)
        .keyConditionExpression("listPk = :list AND listSk BETWEEN :from AND :to")
        .expressionAttributeValues(
            Map.of(":list", text(PUBLISHED_LIST), ":from", text(sortableInstant(start)), ":to", text(to)))
        .projectionExpression("#slug, #publishedAt, #updatedAt")
        .expressionAttributeNames(Map.of("#slug", SLUG, "#publishedAt", PUBLISHED_AT, "#updatedAt", UPDATED_AT))
        .scanIndexForward(false);
  }

  /** A sitemap's entry from an item {@link #monthQuery} read: its last change, else its date. */
  public static PostRepository.Dated datedFromItem(Map<String, AttributeValue> item) {
    Instant updated = instant(item, UPDATED_AT);
    return new PostRepository.Dated(text(item, SLUG), updated != null ? updated : instant(item, PUBLISHED_AT));
  }

  /** Whether a post is due after {@code now}: nothing due is newer than it. */
  public static boolean isAfterListingsAt(Post post, Instant now) {
    return listSortKey(post.publishedAt(), post.slug()).compareTo(listSortUpperBound(now)) > 0;
  }

  /** Whether a listing item is {@code post}'s own. */
  public static boolean isListSortKey(Map<String, AttributeValue> item, Post post) {
    AttributeValue sortKey = item.get(LIST_SK);
    return sortKey != null && listSortKey(post.publishedAt(), post.slug()).equals(sortKey.s());
  }

  /** The parts of a large body, in order: a Query on the post's partition. */
  public static QueryRequest.Builder contentChunksQuery(String table, String slug) {
    return QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", text(postPartition(slug)), ":prefix", text(contentChunkPrefix())));
  }

  /** A GetItem of a post item without its body: what {@link #summaryFromItem} and {@link #isDraft} read. */
  public static GetItemRequest.Builder summaryGet(String table, String slug) {
    Map<String, String> names = new HashMap<>();
    for (String name : List.of(SLUG, TITLE, DESCRIPTION, PUBLISHED_AT, UPDATED_AT, TAGS, READING_MINUTES, IMAGE, DRAFT)) {
      names.put("#" + name, name);
    }
    return GetItemRequest.builder()
        .tableName(table)
        .key(postKey(slug))
        .projectionExpression(String.join(", ", names.keySet()))
        .expressionAttributeNames(names);
  }

  public static boolean isDraft(Map<String, AttributeValue> postItem) {
    AttributeValue draft = postItem.get(DRAFT);
    return draft != null && Boolean.TRUE.equals(draft.bool());
  }

  // ------------------------------------------------------------------ posts

  /** The items that together store a post: the post item, one per tag, and body parts if large. */
  public record PostItems(
      Map<String, AttributeValue> post,
      List<Map<String, AttributeValue>> tags,
      List<Map<String, AttributeValue>> contentChunks) {}

  public static PostItems toItems(Post post) {
    Map<String, AttributeValue> item = postKey(post.slug());
    putSummary(item, post);
    item.put(EXCERPT, text(post.excerpt()));
    putIfPresent(item, AUTHOR, post.author());
    item.put(DRAFT, AttributeValue.fromBool(post.draft()));
    item.put(ALIASES, texts(post.aliases()));
    item.put(EXTRA, text(JsonWriter.write(post.extra())));
    item.put(WORD_COUNT, number(post.wordCount()));
    item.put(CONTENT_HASH, text(post.contentHash()));
    item.put(SOURCE_KEY, text(post.sourceKey()));
    putListKeys(item, post, PUBLISHED_LIST);

    byte[] content = compressContent(post.html(), post.toc());
    List<Map<String, AttributeValue>> chunks = new ArrayList<>();
    if (content.length <= INLINE_CONTENT_BYTES) {
      item.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(content)));
      item.put(CONTENT_CHUNKS, number(0));
    } else {
      for (int from = 0, index = 0; from < content.length; from += CHUNK_BYTES, index++) {
        byte[] part = Arrays.copyOfRange(content, from, Math.min(content.length, from + CHUNK_BYTES));
        Map<String, AttributeValue> chunk = contentChunkKey(post.slug(), index);
        chunk.put(CONTENT, AttributeValue.fromB(SdkBytes.fromByteArray(part)));
        chunks.add(chunk);
      }
      item.put(CONTENT_CHUNKS, number(chunks.size()));
    }

    List<Map<String, AttributeValue>> tags = new ArrayList<>();
    for (String tag : post.tags()) {
      Map<String, AttributeValue> tagItem = tagKey(post.slug(), tag);
      putSummary(tagItem, post);
      putListKeys(tagItem, post, tagList(tag));
      tags.add(tagItem);
    }
    return new PostItems(item, tags, chunks);
  }

  /** How many CONTENT#n items a stored post item says its body uses. */
  public static int contentChunks(Map<String, AttributeValue> postItem) {
    return (int) number(postItem, CONTENT_CHUNKS);
  }

  /**
   * The post from its item and, when its body is split, its CONTENT#n items in order (the result of
   * a Query on the post's partition with sk beginning "CONTENT#").
   */
  public static Post fromItems(
      Map<String, AttributeValue> item, List<Map<String, AttributeValue>> contentChunks) {
    byte[] content;
    if (contentChunks(item) == 0) {
      content = item.get(CONTENT).b().asByteArray();
    } else {
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (Map<String, AttributeValue> chunk : contentChunks) {
        joined.writeBytes(chunk.get(CONTENT).b().asByteArray());
      }
      content = joined.toByteArray();
    }
    Content body = decompressContent(content);
    return new Post(
        text(item, SLUG),
        text(item, TITLE),
        text(item, DESCRIPTION),
        text(item, EXCERPT),
        instant(item, PUBLISHED_AT),
        instant(item, UPDATED_AT),
        texts(item, TAGS),
        text(item, AUTHOR),
        bool(item, DRAFT),
        postImage(item.get(IMAGE)),
        texts(item, ALIASES),
        readJson(text(item, EXTRA)),
        body.html(),
        body.toc(),
        (int) number(item, WORD_COUNT),
        (int) number(item, READING_MINUTES),
        text(item, CONTENT_HASH),
        text(item, SOURCE_KEY),
        List.of());
  }

  /** A listing entry, from a post item, a tag item, or either as projected into the ByDate index. */
  public static PostSummary summaryFromItem(Map<String, AttributeValue> item) {
    return new PostSummary(
        text(item, SLUG),
        text(item, TITLE),
        text(item, DESCRIPTION),
        instant(item, PUBLISHED_AT),
        instant(item, UPDATED_AT),
        texts(item, TAGS),
        (int) number(item, READING_MINUTES),
        postImage(item.get(IMAGE)));
  }

  private static void putSummary(Map<String, AttributeValue> item, Post post) {
    item.put(SLUG, text(post.slug()));
    item.put(TITLE, text(post.title()));
    item.put(DESCRIPTION, text(post.description()));
    item.put(PUBLISHED_AT, text(post.publishedAt().toString()));
    if (post.updatedAt() != null) {
      item.put(UPDATED_AT, text(post.updatedAt().toString()));
    }
    item.put(TAGS, texts(post.tags()));
    item.put(READING_MINUTES, number(post.readingMinutes()));
    if (post.image() != null) {
      item.put(IMAGE, toAttribute(post.image()));
    }
  }

  // ------------------------------------------------------------------ images

  /** A post's picture as one map attribute, so that the ByDate index projects it whole. */
  static AttributeValue toAttribute(PostImage image) {
    Map<String, AttributeValue> map = new HashMap<>();
    map.put(SRC, text(image.src()));
    if (image.width() != null && image.height() != null) {
      map.put(WIDTH, number(image.width()));
      map.put(HEIGHT, number(image.height()));
    }
    map.put(ALT, text(image.alt()));
    map.put(SRCSET, variants(image.srcset()));
    if (image.openGraph() != null) {
      map.put(OPEN_GRAPH, variant(image.openGraph()));
    }
    return AttributeValue.fromM(map);
  }

  /** Items written before images were processed hold the address alone, as text. */
  static PostImage postImage(AttributeValue value) {
    if (value == null) {
      return null;
    }
    if (value.s() != null) {
      return PostImage.external(value.s(), "");
    }
    Map<String, AttributeValue> map = value.m();
    boolean sized = map.containsKey(WIDTH) && map.containsKey(HEIGHT);
    return new PostImage(
        text(map, SRC),
        sized ? (int) number(map, WIDTH) : null,
        sized ? (int) number(map, HEIGHT) : null,
        text(map, ALT),
        variants(map.get(SRCSET)),
        map.containsKey(OPEN_GRAPH) ? variant(map.get(OPEN_GRAPH).m()) : null);
  }

  public static Map<String, AttributeValue> toItem(ImageFile image, Instant expiresAt) {
    Map<String, AttributeValue> item = imageKey(image.key());
    item.put(IMAGE_KEY, text(image.key()));
    item.put(STATE, text(image.state().name()));
    item.put(WIDTH, number(image.width()));
    item.put(HEIGHT, number(image.height()));
    item.put(VARIANTS, variants(image.variants()));
    if (image.openGraph() != null) {
      item.put(OPEN_GRAPH, variant(image.openGraph()));
    }
    putIfPresent(item, REASON, image.reason());
    putIfPresent(item, SEQUENCER, image.sequencer());
    item.put(REVISION, number(image.revision()));
    if (expiresAt != null) {
      item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    }
    return item;
  }

  public static ImageFile imageFromItem(Map<String, AttributeValue> item) {
    AttributeValue openGraph = item.get(OPEN_GRAPH);
    return new ImageFile(
        text(item, IMAGE_KEY),
        ImageFile.State.valueOf(text(item, STATE)),
        (int) number(item, WIDTH),
        (int) number(item, HEIGHT),
        variants(item.get(VARIANTS)),
        openGraph == null ? null : variant(openGraph.m()),
        text(item, REASON),
        text(item, SEQUENCER),
        number(item, REVISION));
  }

  public static Map<String, AttributeValue> toItem(ImageReference reference) {
    Map<String, AttributeValue> item = imageReferenceKey(reference.imageKey(), reference.sourceKey());
    item.put(IMAGE_KEY, text(reference.imageKey()));
    item.put(SOURCE_KEY, text(reference.sourceKey()));
    putIfPresent(item, VERSION_ID, reference.versionId());
    putIfPresent(item, SEQUENCER, reference.sequencer());
    return item;
  }

  public static ImageReference imageReferenceFromItem(Map<String, AttributeValue> item) {
    return new ImageReference(
        text(item, IMAGE_KEY), text(item, SOURCE_KEY), text(item, VERSION_ID), text(item, SEQUENCER));
  }

  private static AttributeValue variants(List<ImageVariant> variants) {
    return AttributeValue.fromL(variants.stream().map(PostMapper::variant).toList());
  }

  private static List<ImageVariant> variants(AttributeValue list) {
    if (list == null || !list.hasL()) {
      return List.of();
    }
    return list.l().stream().map(value -> variant(value.m())).toList();
  }

  private static AttributeValue variant(ImageVariant variant) {
    return AttributeValue.fromM(
        Map.of(PATH, text(variant.path()), WIDTH, number(variant.width()), HEIGHT, number(variant.height())));
  }

  private static ImageVariant variant(Map<String, AttributeValue> map) {
    return new ImageVariant(text(map, PATH), (int) number(map, WIDTH), (int) number(map, HEIGHT));
  }

  /** Drafts get no list keys: the index is sparse, so no listing can ever return them. */
  private static void putListKeys(Map<String, AttributeValue> item, Post post, String list) {
    if (!post.draft()) {
      item.put(LIST_PK, text(list));
      item.put(LIST_SK, text(listSortKey(post.publishedAt(), post.slug())));
    }
  }

  // ------------------------------------------------------------------ aliases

  public static Map<String, AttributeValue> aliasItem(String alias, String targetSlug, String sourceKey) {
    Map<String, AttributeValue> item = aliasKey(alias);
    item.put(TARGET, text(targetSlug));
    item.put(SOURCE_KEY, text(sourceKey));
    return item;
  }

  /** The slug an alias item redirects to. */
  public static String aliasTarget(Map<String, AttributeValue> item) {
    return text(item, TARGET);
  }

  // ------------------------------------------------------------------ source files

  public static Map<String, AttributeValue> toItem(SourceFile source, Instant expiresAt) {
    Map<String, AttributeValue> item = sourceKey(source.key());
    item.put(SOURCE_KEY, text(source.key()));
    putIfPresent(item, SLUG, source.slug());
    item.put(TAGS, texts(source.tags()));
    item.put(ALIASES, texts(source.aliases()));
    item.put(FORMER_SLUGS, texts(source.formerSlugs()));
    item.put(CONTENT_CHUNKS, number(source.contentChunks()));
    putIfPresent(item, SEQUENCER, source.sequencer());
    item.put(REVISION, number(source.revision()));
    item.put(REMOVED, AttributeValue.fromBool(source.removed()));
    putIfPresent(item, WAITING_FOR, source.waitingFor());
    item.put(RELEASED, texts(source.released()));
    item.put(IMAGES, texts(source.images()));
    if (!source.counted().isNone()) {
      item.put(COUNTED_TAGS, texts(source.counted().tags()));
      item.put(COUNTED_AT, text(source.counted().publishedAt().toString()));
      putIfPresent(item, COUNTED_DUE, source.counted().due());
    }
    if (expiresAt != null) {
      item.put(EXPIRES_AT, number(expiresAt.getEpochSecond()));
    }
    return item;
  }

  public static SourceFile sourceFromItem(Map<String, AttributeValue> item) {
    return new SourceFile(
        text(item, SOURCE_KEY),
        text(item, SLUG),
        texts(item, TAGS),
        texts(item, ALIASES),
        texts(item, FORMER_SLUGS),
        (int) number(item, CONTENT_CHUNKS),
        text(item, SEQUENCER),
        number(item, REVISION),
        bool(item, REMOVED),
        text(item, WAITING_FOR),
        texts(item, RELEASED),
        texts(item, IMAGES),
        item.containsKey(COUNTED_AT)
            ? new SourceFile.Counted(texts(item, COUNTED_TAGS), instant(item, COUNTED_AT), text(item, COUNTED_DUE))
            : SourceFile.Counted.NONE);
  }

  // ------------------------------------------------------------------ claims

  public static Map<String, AttributeValue> toItem(SlugClaim claim) {
    Map<String, AttributeValue> item = claimKey(claim.name(), claim.sourceKey());
    item.put(NAME, text(claim.name()));
    item.put(SOURCE_KEY, text(claim.sourceKey()));
    putIfPresent(item, VERSION_ID, claim.versionId());
    putIfPresent(item, SEQUENCER, claim.sequencer());
    item.put(CLAIMED_AT, text(claim.claimedAt().toString()));
    return item;
  }

  public static SlugClaim claimFromItem(Map<String, AttributeValue> item) {
    return new SlugClaim(
        text(item, NAME),
        text(item, SOURCE_KEY),
        text(item, VERSION_ID),
        text(item, SEQUENCER),
        instant(item, CLAIMED_AT));
  }

  // ------------------------------------------------------------------ counts

  /** The partition of the tag and month counts: a few shard items and the entries of posts not yet due. */
  public static final String COUNTS_PARTITION = "COUNTS";

  /**
   * Shards of the counts: a file's changes add to the shard its key hashes to, so that posts of
   * different files published at the same time rarely touch one item (two transactions on one item
   * at once: one is cancelled and retried). Readers read all of them with one Query. Changing the
   * number means rebuilding the counts.
   */
  public static final int COUNT_SHARDS = 8;

  static final String SHARD_PREFIX = "SHARD#";
  static final String DUE_PREFIX = "DUE#";
  static final String TAG_COUNT_PREFIX = "t#";
  static final String MONTH_COUNT_PREFIX = "m#";

  /** A due entry is read only while its date is ahead; TTL takes it away a day after. */
  static final long DUE_ENTRY_TTL_SECONDS = 24 * 3600;

  /** The shard a file's share of the counts is kept in: String.hashCode is fixed by the JLS. */
  public static int countShard(String sourceKey) {
    return Math.floorMod(sourceKey.hashCode(), COUNT_SHARDS);
  }

  public static Map<String, AttributeValue> countShardKey(int shard) {
    return key(COUNTS_PARTITION, SHARD_PREFIX + shard);
  }

  /** The sort key of a post's entry among those not yet due: after every due one, by date. */
  public static String dueSortKey(Instant publishedAt, String slug) {
    return DUE_PREFIX + sortableInstant(publishedAt) + "#" + slug;
  }

  public static Map<String, AttributeValue> dueKey(String sortKey) {
    return key(COUNTS_PARTITION, sortKey);
  }

  /** The entry of a post not yet due: its tags and month, subtracted by readers before its date. */
  public static Map<String, AttributeValue> dueItem(SourceFile.Counted counted) {
    Map<String, AttributeValue> item = dueKey(counted.due());
    item.put(TAGS, texts(counted.tags()));
    item.put(PUBLISHED_AT, text(counted.publishedAt().toString()));
    item.put(EXPIRES_AT, number(counted.publishedAt().getEpochSecond() + DUE_ENTRY_TTL_SECONDS));
    return item;
  }

  /** A shard's key with the numbers to ADD to its counters (negative to take off). */
  public static Map<String, AttributeValue> countChanges(
      String sourceKey, Map<String, Long> tagChanges, Map<YearMonth, Long> monthChanges) {
    Map<String, AttributeValue> item = countShardKey(countShard(sourceKey));
    tagChanges.forEach((tag, change) -> item.put(TAG_COUNT_PREFIX + tag, number(change)));
    monthChanges.forEach((month, change) -> item.put(MONTH_COUNT_PREFIX + month, number(change)));
    return item;
  }

  /** The month a post counts in, UTC. */
  public static YearMonth month(Instant publishedAt) {
    return YearMonth.from(publishedAt.atOffset(ZoneOffset.UTC));
  }

  /**
   * Every shard and the entries of posts not due at {@code now}: one Query (SHARD# sorts after
   * DUE#, so one range holds both), a handful of items whatever the number of posts.
   */
  public static QueryRequest.Builder countsQuery(String table, Instant now) {
    return QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND sk > :due")
        .expressionAttributeValues(
            Map.of(":pk", text(COUNTS_PARTITION), ":due", text(DUE_PREFIX + sortableInstant(now) + "#\uffff")));
  }

  /** Whether an item of the counts' partition is one {@link #countsQuery} reads at {@code now}. */
  public static boolean isReadByCountsQuery(Map<String, AttributeValue> item, Instant now) {
    return text(item, SK).compareTo(DUE_PREFIX + sortableInstant(now) + "#\uffff") > 0;
  }

  /** The counts from what {@link #countsQuery} read: the shards' sums less the posts not yet due. */
  public static TagCounts countsFromItems(List<Map<String, AttributeValue>> items) {
    Map<String, Integer> tags = new TreeMap<>();
    Map<YearMonth, Integer> months = new TreeMap<>();
    for (Map<String, AttributeValue> item : items) {
      String sk = text(item, SK);
      if (sk.startsWith(SHARD_PREFIX)) {
        item.forEach(
            (name, value) -> {
              if (name.startsWith(TAG_COUNT_PREFIX)) {
                tags.merge(name.substring(TAG_COUNT_PREFIX.length()), Integer.parseInt(value.n()), Integer::sum);
              } else if (name.startsWith(MONTH_COUNT_PREFIX)) {
                months.merge(YearMonth.parse(name.substring(MONTH_COUNT_PREFIX.length())), Integer.parseInt(value.n()), Integer::sum);
              }
            });
      } else if (sk.startsWith(DUE_PREFIX)) {
        texts(item, TAGS).forEach(tag -> tags.merge(tag, -1, Integer::sum));
        months.merge(month(instant(item, PUBLISHED_AT)), -1, Integer::sum);
      }
    }
    tags.values().removeIf(count -> count <= 0);
    months.values().removeIf(count -> count <= 0);
    return new TagCounts(tags, months);
  }

  // ------------------------------------------------------------------ conditions

  /** The values the condition expressions below refer to. */
  public static final String KEY_VALUE = ":key";
  public static final String REVISION_VALUE = ":revision";
  public static final String SEQUENCER_VALUE = ":sequencer";
  public static final String PARTITION_VALUE = ":pk";

  /** A file's first source record: no other event for it was applied. */
  public static final String ABSENT = "attribute_not_exists(" + PK + ")";

  /** The source record still has the revision read. */
  public static final String REVISION_IS = REVISION + " = " + REVISION_VALUE;

  /** A name (post or alias item) free, or the file's own. */
  public static final String FREE_OR_OWNED = ABSENT + " OR " + SOURCE_KEY + " = " + KEY_VALUE;

  /** A name still held by another file's post or alias. */
  public static final String HELD_BY_ANOTHER =
      "attribute_exists(" + PK + ") AND " + SOURCE_KEY + " <> " + KEY_VALUE;

  /** A claim of a version without a sequencer, not claimed since by a version with one. */
  public static final String CLAIM_WITHOUT_SEQUENCER = "attribute_not_exists(" + SEQUENCER + ")";

  /** A claim gone, or still the one of that version. */
  public static final String CLAIM_OF_SEQUENCER = ABSENT + " OR " + SEQUENCER + " = " + SEQUENCER_VALUE;

  /** Every item of one partition, for a Query. */
  public static final String PARTITION_IS = PK + " = " + PARTITION_VALUE;

  /** The key of the file a post, alias or source item belongs to. */
  public static String sourceKeyOf(Map<String, AttributeValue> item) {
    return text(item, SOURCE_KEY);
  }

  /** The revision of a source record's item. */
  public static long revisionOf(Map<String, AttributeValue> item) {
    return number(item, REVISION);
  }

  /** The sequencer of a source record's or claim's item; null when its event had none. */
  public static String sequencerOf(Map<String, AttributeValue> item) {
    return text(item, SEQUENCER);
  }

  // ------------------------------------------------------------------ conversions

  /** The gzipped body: {"html": "...", "toc": [{"level": 2, "text": "...", "id": "..."}]}. */
  private record Content(String html, List<TocEntry> toc) {}

  private static byte[] compressContent(String html, List<TocEntry> toc) {
    JsonWriter json = JsonWriter.object().field("html", html).startArray("toc");
    for (TocEntry entry : toc) {
      json.startObject().field("level", entry.level()).field("text", entry.text()).field("id", entry.id()).end();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(json.finish().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static Content decompressContent(byte[] content) {
    Object body;
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(content));
        JsonParser json = JsonWriter.FACTORY.createParser(gzip)) {
      json.nextToken();
      body = JsonReader.value(json);
    } catch (IOException e) {
      throw new UncheckedIOException("A stored post body is not readable", e);
    }
    if (!(body instanceof Map<?, ?> fields)) {
      throw new UncheckedIOException(new IOException("A stored post body is not a JSON object"));
    }
    List<TocEntry> toc = new ArrayList<>();
    if (fields.get("toc") instanceof List<?> entries) {
      for (Object entry : entries) {
        Map<?, ?> e = entry instanceof Map<?, ?> map ? map : Map.of();
        toc.add(
            new TocEntry(
                e.get("level") instanceof Number level ? level.intValue() : 0,
                e.get("text") instanceof String text ? text : "",
                e.get("id") instanceof String id ? id : ""));
      }
    }
    return new Content(fields.get("html") instanceof String html ? html : "", toc);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readJson(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return (Map<String, Object>) JsonReader.read(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant instant(Map<String, AttributeValue> item, String name) {
    String value = text(item, name);
    return value == null ? null : Instant.parse(value);
  }
}
