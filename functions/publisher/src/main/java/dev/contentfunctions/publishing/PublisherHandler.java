package dev.contentfunctions.publishing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.log.EventLog;
import java.time.Clock;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 event -> {@link PublishingService}. A broken post is reported and the invocation succeeds (a
 * retry would fail the same way); an S3 or DynamoDB error fails the invocation, so Lambda retries it
 * and finally sends the event to the failure destination. Retries are safe: an event already
 * applied is skipped.
 */
public final class PublisherHandler implements RequestHandler<S3Event, Void> {
  private final PublishingService service;

  /** Called by Lambda once per container: clients, parser and renderer are built here, once. */
  public PublisherHandler() {
    this(fromEnvironment(PublisherConfig.fromEnvironment()));
  }

  public PublisherHandler(PublishingService service) {
    this.service = service;
  }

  private static PublishingService fromEnvironment(PublisherConfig config) {
    DynamoDbClient dynamoDb = AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.BACKGROUND).build();
    S3Client s3 =
        AwsClients.configure(S3Client.builder(), AwsClients.Timeouts.BACKGROUND)
            .forcePathStyle(AwsClients.usesLocalEndpoint())
            .build();
    Clock clock = Clock.systemUTC();
    return new PublishingService(
        new PostFiles(s3),
        new PublicationRepository(dynamoDb, config.postsTable(), clock),
        new FrontMatterParser(),
        new MarkdownRenderer(),
        clock);
  }

  @Override
  public Void handleRequest(S3Event event, Context context) {
    EventLog log = new EventLog(context.getLogger(), context.getAwsRequestId());
    for (S3EventNotificationRecord record : event.getRecords()) {
      ObjectChange change = ObjectChange.from(record);
      try {
        PublishingService.Outcome outcome = service.apply(change);
        switch (outcome.kind()) {
          case FAILED -> log.warn("post.failed", "key", change.key(), "reason", outcome.reason());
          case SKIPPED, IGNORED, WAITING -> log.info(
              event(outcome), "key", change.key(), "reason", outcome.reason());
          default -> log.info(
              event(outcome),
              "key", change.key(),
              "slug", outcome.slug(),
              "sequencer", change.sequencer());
        }
        for (String waited : outcome.published()) {
          log.info("post.published", "key", waited, "freedBy", change.key());
        }
      } catch (RuntimeException e) {
        log.error("post.error", "key", change.key(), "error", e.getClass().getSimpleName(), "detail", e.getMessage());
        throw e;
      }
    }
    return null;
  }

  private static String event(PublishingService.Outcome outcome) {
    return "post." + outcome.kind().name().toLowerCase(Locale.ROOT);
  }
}
