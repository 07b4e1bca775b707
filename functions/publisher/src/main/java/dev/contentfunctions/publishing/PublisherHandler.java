package dev.contentfunctions.publishing;

import dev.contentfunctions.tables.posts.DynamoDbPublicationRepository;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.events.MalformedEventException;
import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.S3Change;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.tables.posts.PublicationRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * S3 event -> {@link PublishingService} for Markdown files, {@link ImagePublisher} for the files of
 * image folders (a post's own folder, media/). A broken post is reported and the invocation succeeds (a
 * retry would fail the same way); so is a record that cannot be read, which is logged and skipped.
 * An S3 or DynamoDB error fails the invocation, so Lambda retries it and finally sends the event to
 * the failure destination. Retries are safe: an event already applied is skipped.
 */
public final class PublisherHandler implements RequestStreamHandler {
  private final PublishingService service;
  private final ImagePublisher images;
  private final Log log;
  private final Metrics metrics;

  /** The Function dimension of this function's metrics. */
  public static final String FUNCTION = "Publisher";

  /** Called by Lambda once per container: clients, parser, renderer and image readers built once. */
  public PublisherHandler() {
    this(Services.fromEnvironment(PublisherConfig.fromEnvironment()), Log.standardOutput(), Metrics.standardOutput(FUNCTION));
  }

  private PublisherHandler(Services services, Log log, Metrics metrics) {
    this(services.posts(), services.images(), log, metrics);
  }

  public PublisherHandler(PublishingService service, ImagePublisher images, Log log) {
    this(service, images, log, Metrics.discarded(FUNCTION));
  }

  public PublisherHandler(PublishingService service, ImagePublisher images, Log log, Metrics metrics) {
    this.service = service;
    this.images = images;
    this.log = log;
    this.metrics = metrics;
  }

  private record Services(PublishingService posts, ImagePublisher images) {
    static Services fromEnvironment(PublisherConfig config) {
      DynamoDbClient dynamoDb =
          AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.BACKGROUND).build();
      S3Client s3 =
          AwsClients.configure(S3Client.builder(), AwsClients.Timeouts.BACKGROUND)
              .forcePathStyle(AwsClients.usesLocalEndpoint())
              .build();
      Clock clock = Clock.systemUTC();
      PostFiles files = new S3PostFiles(s3);
      PublicationRepository repository =
          new DynamoDbPublicationRepository(dynamoDb, config.postsTable(), clock);
      AuthorNotices notices =
          new OnceNotices(
              new SnsAuthorNotices(
                  () -> AwsClients.configure(SnsClient.builder(), AwsClients.Timeouts.BACKGROUND).build(),
                  config.authorTopicArn(),
                  Log.standardOutput()),
              repository,
              clock);
      PublishingService posts =
          new PublishingService(
              files, repository, new FrontMatterParser(), new MarkdownRenderer(), clock, notices);
      ImagePublisher images =
          new ImagePublisher(
              files,
              new S3MediaStore(s3, config.mediaBucket()),
              new ImageProcessor(),
              repository,
              posts,
              clock,
              notices);
      return new Services(posts, images);
    }
  }

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    Log log = this.log.forRequest(context.getAwsRequestId());
    Metrics.Invocation metrics = this.metrics.start();
    try {
      RecordBatch<S3Change> batch;
      try {
        batch = S3Change.read(event);
      } catch (MalformedEventException e) {
        // Nothing in it names a file, and a retry would read the same bytes.
        log.error("batch.malformed", "reason", e.getMessage());
        return;
      }
      List<RecordBatch.Entry<S3Change>> entries = batch.entries();
      for (int index = 0; index < entries.size(); index++) {
        if (entries.get(index) instanceof RecordBatch.Readable<S3Change> readable) {
          apply(readable.record(), index, log, metrics);
        } else {
          RecordBatch.Unreadable<S3Change> unreadable = (RecordBatch.Unreadable<S3Change>) entries.get(index);
          log.error(
              "post.unreadable", "index", unreadable.index(), "key", unreadable.id(), "reason", unreadable.reason());
        }
      }
    } finally {
      // Also when a record fails and Lambda retries: what was applied before it is counted once.
      metrics.flush();
    }
  }

  private void apply(S3Change record, int index, Log log, Metrics.Invocation metrics) {
    ObjectChange change;
    try {
      change = ObjectChange.from(record);
    } catch (IllegalArgumentException e) {
      log.error("post.unreadable", "index", index, "key", record.key(), "reason", e.getMessage());
      return;
    }
    boolean image = ImagePaths.isImageFile(change.key());
    try {
      if (image) {
        applyImage(change, log, metrics);
      } else {
        applyPost(change, log, metrics);
      }
    } catch (RuntimeException e) {
      // The error's type and code, not its message: S3 and DynamoDB messages can echo input.
      log.error(
          image ? "image.error" : "post.error",
          "key", change.key(), "error", e.getClass().getSimpleName(), "code", errorCode(e));
      throw e;
    }
  }

  private void applyPost(ObjectChange change, Log log, Metrics.Invocation metrics) {
    long started = System.nanoTime();
    PublishingService.Outcome outcome = service.apply(change);
    count(outcome, (System.nanoTime() - started) / 1e6, metrics);
    switch (outcome.kind()) {
      case FAILED -> log.warn("post.failed", "key", change.key(), "reason", outcome.reason());
      case SKIPPED, IGNORED, WAITING -> log.info(
          event("post", outcome.kind()), "key", change.key(), "reason", outcome.reason());
      default -> log.info(
          event("post", outcome.kind()),
          "key", change.key(),
          "slug", outcome.slug(),
          "sequencer", change.sequencer());
    }
    for (String waited : outcome.published()) {
      log.info("post.published", "key", waited, "freedBy", change.key());
    }
  }

  private void applyImage(ObjectChange change, Log log, Metrics.Invocation metrics) {
    ImagePublisher.Outcome outcome = images.apply(change);
    if (outcome.kind() == ImagePublisher.Outcome.Kind.READY || outcome.kind() == ImagePublisher.Outcome.Kind.REFUSED) {
      metrics.count(Metric.IMAGES_PROCESSED, outcome.kind() == ImagePublisher.Outcome.Kind.READY ? 1 : 0);
      metrics.count(Metric.IMAGES_REFUSED, outcome.kind() == ImagePublisher.Outcome.Kind.REFUSED ? 1 : 0);
    }
    if (outcome.kind() == ImagePublisher.Outcome.Kind.REFUSED) {
      log.warn("image.refused", "key", change.key(), "reason", outcome.reason());
    } else {
      log.info(
          event("image", outcome.kind()),
          "key", change.key(),
          "reason", outcome.reason(),
          "sequencer", change.sequencer());
    }
    for (String rendered : outcome.rendered()) {
      log.info("post.rendered", "key", rendered, "image", change.key());
    }
  }

  /**
   * A Markdown file's outcome: published (drafts and scheduled posts too), failed or removed, all
   * three written (zero included) so that their averages are rates, with the time it took. A
   * skipped event (already applied) and a file that is no Markdown count nothing; a post that was
   * waiting for the slug this file freed is published too.
   */
  private static void count(PublishingService.Outcome outcome, double milliseconds, Metrics.Invocation metrics) {
    PublishingService.Outcome.Kind kind = outcome.kind();
    if (kind == PublishingService.Outcome.Kind.SKIPPED || kind == PublishingService.Outcome.Kind.IGNORED) {
      return;
    }
    metrics.count(
        Metric.POSTS_PUBLISHED, (kind == PublishingService.Outcome.Kind.PUBLISHED ? 1 : 0) + outcome.published().size());
    metrics.count(Metric.POSTS_FAILED, kind == PublishingService.Outcome.Kind.FAILED ? 1 : 0);
    metrics.count(Metric.POSTS_REMOVED, kind == PublishingService.Outcome.Kind.REMOVED ? 1 : 0);
    metrics.milliseconds(Metric.PUBLISH_DURATION, milliseconds);
  }

  private static String errorCode(RuntimeException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }

  private static String event(String subject, Enum<?> kind) {
    return subject + "." + kind.name().toLowerCase(Locale.ROOT);
  }
}
