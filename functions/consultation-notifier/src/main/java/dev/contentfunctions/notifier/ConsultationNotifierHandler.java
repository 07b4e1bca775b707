package dev.contentfunctions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.kit.events.BatchResponse;
import dev.contentfunctions.kit.events.MalformedEventException;
import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.StreamChange;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The consultations table's stream -> {@link CoachNotifier}, once per new booking request.
 *
 * <p>Only inserts of request items are notified. The event source mapping's filter (template.yaml)
 * already drops everything else, but a filter saves invocations, it does not guarantee the input:
 * the local run, or a filter edited later, may deliver idempotency keys, rate counters and updates,
 * so they are skipped here too.
 *
 * <p>A failed publish is reported in {@code batchItemFailures} and the batch stops there. Lambda
 * resumes a stream from the lowest sequence number reported and delivers every record after it
 * again, so publishing those now would only notify the coach of them twice. After the retries the
 * template allows, the record is sent to the failure queue. A record that cannot be read (as a
 * stream record, or as a request) is logged and skipped instead: no retry can change it, it would
 * hold back the requests behind it, and the request itself is stored, in the coach's list of new
 * requests.
 *
 * <p>Logs carry the request id, the record's sequence number, counts and outcomes, never what the
 * person wrote.
 */
public final class ConsultationNotifierHandler implements RequestStreamHandler {
  private final CoachNotifier notifier;
  private final Log log;
  private final Metrics metrics;

  /** The Function dimension of this function's metrics. */
  public static final String FUNCTION = "ConsultationNotifier";

  /** Called by Lambda once per container: the SNS client is built here, once. */
  public ConsultationNotifierHandler() {
    this(fromEnvironment(NotifierConfig.fromEnvironment()), Log.standardOutput(), Metrics.standardOutput(FUNCTION));
  }

  public ConsultationNotifierHandler(CoachNotifier notifier, Log log) {
    this(notifier, log, Metrics.discarded(FUNCTION));
  }

  public ConsultationNotifierHandler(CoachNotifier notifier, Log log, Metrics metrics) {
    this.notifier = notifier;
    this.log = log;
    this.metrics = metrics;
  }

  private static CoachNotifier fromEnvironment(NotifierConfig config) {
    SnsClient sns =
        AwsClients.configure(SnsClient.builder(), AwsClients.Timeouts.BACKGROUND).build();
    return new CoachNotifier(sns, config.topicArn());
  }

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    Log log = this.log.forRequest(context.getAwsRequestId());
    Metrics.Invocation metrics = this.metrics.start();
    try {
      RecordBatch<StreamChange> batch;
      try {
        batch = StreamChange.read(event);
      } catch (MalformedEventException e) {
        // Nothing in it can be named for a retry, and a retry would read the same bytes.
        log.error("batch.malformed", "reason", e.getMessage());
        new BatchResponse(List.of()).write(out);
        return;
      }
      new BatchResponse(notifyCoach(batch, log, metrics)).write(out);
    } finally {
      metrics.flush();
    }
  }

  /** The sequence numbers Lambda should retry from: none, or the first whose publish failed. */
  private List<String> notifyCoach(RecordBatch<StreamChange> batch, Log log, Metrics.Invocation metrics) {
    List<String> failures = new ArrayList<>();
    int notified = 0;
    int skipped = 0;
    for (RecordBatch.Entry<StreamChange> entry : batch.entries()) {
      if (entry instanceof RecordBatch.Unreadable<StreamChange> unreadable) {
        log.error("consultation.unreadable", "sequenceNumber", unreadable.id(), "reason", unreadable.reason());
        skipped++;
        continue;
      }
      StreamChange change = ((RecordBatch.Readable<StreamChange>) entry).record();
      if (!isRequestInsert(change)) {
        skipped++;
        continue;
      }
      Consultation request;
      try {
        request = ConsultationMapper.fromItem(change.newImage());
      } catch (RuntimeException e) {
        log.error(
            "consultation.unreadable",
            "sequenceNumber", change.sequenceNumber(),
            "error", e.getClass().getSimpleName());
        skipped++;
        continue;
      }
      try {
        String messageId = notifier.notifyCoach(request);
        log.info("consultation.notified", "consultationId", request.id(), "messageId", messageId);
        notified++;
      } catch (SdkException e) {
        log.warn(
            "consultation.notify-failed",
            "consultationId", request.id(),
            "sequenceNumber", change.sequenceNumber(),
            "error", e.getClass().getSimpleName(),
            "code", errorCode(e));
        failures.add(change.sequenceNumber());
        break;
      }
    }
    if (notified + failures.size() > 0) {
      // Both, zero included, whenever a request was tried: their sum is the attempts.
      metrics.count(Metric.NOTIFICATIONS_SENT, notified);
      metrics.count(Metric.NOTIFICATIONS_FAILED, failures.size());
    }
    log.info(
        "batch.done",
        "records", batch.entries().size(),
        "notified", notified,
        "skipped", skipped,
        "failed", failures.size());
    return failures;
  }

  private static boolean isRequestInsert(StreamChange change) {
    return StreamChange.INSERT.equals(change.eventName()) && ConsultationMapper.isRequest(change.keys());
  }

  /**
   * The service's error code (NotFound, Throttling, ...), null when no answer came. Not the
   * exception's message: it is SNS's text, and a log line must stay free of anything a visitor
   * wrote.
   */
  private static String errorCode(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }
}
