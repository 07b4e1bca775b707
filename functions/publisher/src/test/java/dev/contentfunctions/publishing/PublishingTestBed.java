package dev.contentfunctions.publishing;

import dev.contentfunctions.tables.posts.DynamoDbPublicationRepository;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.tables.posts.ImageFile;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The publisher wired to moto exactly as in Lambda, with a posts table and content bucket created
 * from template.yaml under fresh names, and ways to look at what was stored.
 */
final class PublishingTestBed {
  static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

  final MotoServer moto = MotoServer.shared();
  final DynamoDbClient dynamoDb = moto.dynamoDb();
  final String table;
  final String bucket;
  final String mediaBucket;
  final PublishingService service;
  final ImagePublisher images;

  PublishingTestBed() {
    this(TemplateResources.uniqueName("content"));
  }

  PublishingTestBed(String bucketName) {
    TemplateResources resources =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto);
    table = resources.createTable("PostsTable", TemplateResources.uniqueName("posts"));
    bucket = resources.createBucket("ContentBucket", bucketName);
    mediaBucket = resources.createBucket("MediaBucket", TemplateResources.uniqueName("media"));
    service = service(table);
    images = images(service, table);
  }

  /** The handler as Lambda builds it, logging into {@code context}. */
  PublisherHandler handler(LocalContext context) {
    return new PublisherHandler(service, images, context.log(), context.metrics(PublisherHandler.FUNCTION));
  }

  /** The image publisher of a service made by {@link #service(String)}, on the same table. */
  ImagePublisher images(PublishingService posts, String postsTable) {
    Clock clock = new TickingClock(NOW);
    return new ImagePublisher(
        new S3PostFiles(moto.s3()),
        new S3MediaStore(moto.s3(), mediaBucket),
        new ImageProcessor(),
        new DynamoDbPublicationRepository(dynamoDb, postsTable, clock),
        posts,
        clock);
  }

  /** An S3 event handed over as Lambda does: its JSON, to the stream handler. */
  void invoke(S3Event event, LocalContext context) {
    StreamInvocation.s3(handler(context), event, context);
  }

  void invoke(S3Event event) {
    invoke(event, new LocalContext("PublisherFunction"));
  }

  /**
   * A service like the handler's, writing to {@code postsTable}, on a clock that starts at {@link
   * #NOW} and moves a millisecond each time it is read, so that things done one after the other
   * happen at different times (as the order of waiting files needs).
   */
  PublishingService service(String postsTable) {
    Clock clock = new TickingClock(NOW);
    return new PublishingService(
        new S3PostFiles(moto.s3()),
        new DynamoDbPublicationRepository(dynamoDb, postsTable, clock),
        new FrontMatterParser(),
        new MarkdownRenderer(),
        clock);
  }

  /** Uploads a file and returns its S3 version id (the bucket is versioned, as in template.yaml). */
  String upload(String key, String content) {
    return upload(key, content.getBytes(StandardCharsets.UTF_8));
  }

  String upload(String key, byte[] content) {
    return moto.s3().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(content)).versionId();
  }

  void deleteObject(String key) {
    moto.s3().deleteObject(r -> r.bucket(bucket).key(key));
  }

  PublishingService.Outcome applyPut(String key, String versionId, String sequencer) {
    return service.apply(
        new ObjectChange(bucket, key, versionId, ObjectChange.normaliseSequencer(sequencer), false));
  }

  PublishingService.Outcome applyDelete(String key, String sequencer) {
    return service.apply(
        new ObjectChange(bucket, key, null, ObjectChange.normaliseSequencer(sequencer), true));
  }

  /** Uploads and publishes in one step; returns the outcome. */
  PublishingService.Outcome publish(String key, String content, String sequencer) {
    return applyPut(key, upload(key, content), sequencer);
  }

  S3Event putEvent(String key, String versionId, String sequencer) {
    return putEvent(bucket, key, versionId, sequencer);
  }

  S3Event putEvent(String bucket, String key, String versionId, String sequencer) {
    return event("ObjectCreated:Put", bucket, key, versionId, sequencer);
  }

  S3Event deleteEvent(String key, String sequencer) {
    return event("ObjectRemoved:DeleteMarkerCreated", bucket, key, null, sequencer);
  }

  /** An event shaped as S3 sends it (keys URL-encoded). */
  private static S3Event event(
      String eventName, String bucket, String key, String versionId, String sequencer) {
    String encodedKey = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    S3ObjectEntity object = new S3ObjectEntity(encodedKey, 100L, "etag", versionId, sequencer);
    S3BucketEntity bucketEntity = new S3BucketEntity(bucket, null, "arn:aws:s3:::" + bucket);
    S3EventNotificationRecord record =
        new S3EventNotificationRecord(
            "us-east-1",
            eventName,
            "aws:s3",
            "2026-01-15T12:00:00.000Z",
            "2.1",
            null,
            null,
            new S3Entity("PublisherFunctionPostChanged", bucketEntity, object, "1.0"),
            null);
    return new S3Event(List.of(record));
  }

  /** Same records, addressed to this test bed's bucket: the sample events name a real bucket. */
  S3Event inThisBucket(S3Event sample) {
    List<S3EventNotificationRecord> records =
        sample.getRecords().stream()
            .map(
                r -> {
                  S3Entity s3 = r.getS3();
                  S3BucketEntity b =
                      new S3BucketEntity(bucket, s3.getBucket().getOwnerIdentity(), "arn:aws:s3:::" + bucket);
                  return new S3EventNotificationRecord(
                      r.getAwsRegion(),
                      r.getEventName(),
                      r.getEventSource(),
                      r.getEventTime().toString(),
                      r.getEventVersion(),
                      r.getRequestParameters(),
                      r.getResponseElements(),
                      new S3Entity(s3.getConfigurationId(), b, s3.getObject(), s3.getS3SchemaVersion()),
                      r.getUserIdentity());
                })
            .toList();
    return new S3Event(records);
  }

  Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
    Map<String, AttributeValue> item =
        dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
    return item == null || item.isEmpty() ? null : item;
  }

  /** The stored post with its whole body, however it is split. */
  /** The publisher's record of an image file, read strongly. */
  ImageFile imageRecord(String key) {
    return PostMapper.imageFromItem(item(PostMapper.imageKey(key)));
  }

  Optional<Post> post(String slug) {
    Map<String, AttributeValue> item = item(PostMapper.postKey(slug));
    if (item == null) {
      return Optional.empty();
    }
    QueryResponse chunks =
        dynamoDb.query(
            r ->
                r.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(
                        Map.of(
                            ":pk", AttributeValue.fromS(PostMapper.postPartition(slug)),
                            ":prefix", AttributeValue.fromS(PostMapper.contentChunkPrefix())))
                    .consistentRead(true));
    return Optional.of(PostMapper.fromItems(item, chunks.items()));
  }

  /** Every item of a post's partition: the post, its tags, body parts. */
  List<Map<String, AttributeValue>> partition(String slug) {
    return dynamoDb
        .query(
            r ->
                r.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(
                        Map.of(":pk", AttributeValue.fromS(PostMapper.postPartition(slug))))
                    .consistentRead(true))
        .items();
  }

  Optional<SourceFile> source(String key) {
    return Optional.ofNullable(item(PostMapper.sourceKey(key))).map(PostMapper::sourceFromItem);
  }

  /** A listing as the read API will query it: the ByDate index, newest first, due at {@code now}. */
  List<Map<String, AttributeValue>> listing(String list, Instant now) {
    return dynamoDb
        .query(
            r ->
                r.tableName(table)
                    .indexName(PostMapper.BY_DATE_INDEX)
                    .keyConditionExpression("listPk = :list AND listSk <= :now")
                    .expressionAttributeValues(
                        Map.of(
                            ":list", AttributeValue.fromS(list),
                            ":now", AttributeValue.fromS(PostMapper.listSortUpperBound(now))))
                    .scanIndexForward(false))
        .items();
  }

  List<String> listedSlugs(String list, Instant now) {
    return listing(list, now).stream().map(PostMapper::summaryFromItem).map(PostSummary::slug).toList();
  }

  JsonNode report(String key) {
    try (var in = moto.s3().getObject(r -> r.bucket(bucket).key("reports/" + key + ".json"))) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class TickingClock extends Clock {
    private final java.util.concurrent.atomic.AtomicLong millis;

    TickingClock(Instant start) {
      millis = new java.util.concurrent.atomic.AtomicLong(start.toEpochMilli());
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.getAndIncrement());
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }

  static String post(String title, String date, String extraFrontMatter, String body) {
    return "---\ntitle: " + title + "\ndate: " + date + "\n" + extraFrontMatter + "---\n\n" + body;
  }
}
