package dev.contentfunctions.notifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.contentfunctions.shared.aws.AwsClients;
import dev.contentfunctions.shared.consultations.Consultation;
import dev.contentfunctions.shared.consultations.ConsultationMapper;
import dev.contentfunctions.shared.log.EventLog;
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
 * template allows, the record is sent to the failure queue. A record that cannot be read as a
 * request is logged and skipped instead: no retry can change it, it would hold back the requests
 * behind it, and the request itself is stored, in the coach's list of new requests.
 *
 * <p>Logs carry the request id, the record's sequence number, counts and outcomes, never what the
 * person wrote.
 */
public final class ConsultationNotifierHandler
    implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
  private static final String INSERT = "INSERT";

  private final CoachNotifier notifier;

  /** Called by Lambda once per container: the SNS client is built here, once. */
  public ConsultationNotifierHandler() {
    this(fromEnvironment(NotifierConfig.fromEnvironment()));
  }

  public ConsultationNotifierHandler(CoachNotifier notifier) {
    this.notifier = notifier;
  }

  private static CoachNotifier fromEnvironment(NotifierConfig config) {
    SnsClient sns =
        AwsClients.configure(SnsClient.builder(), AwsClients.Timeouts.BACKGROUND).build();
    return new CoachNotifier(sns, config.topicArn());
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    EventLog log = new EventLog(context.getLogger(), context.getAwsRequestId());
    List<BatchItemFailure> failures = new ArrayList<>();
    int notified = 0;
    int skipped = 0;
    for (DynamodbStreamRecord record : event.getRecords()) {
      StreamRecord change = record.getDynamodb();
      if (!isRequestInsert(record)) {
        skipped++;
        continue;
      }
      Consultation request;
      try {
        request = ConsultationMapper.fromItem(StreamImage.toSdk(change.getNewImage()));
      } catch (RuntimeException e) {
        log.error(
            "consultation.unreadable",
            "sequenceNumber", change.getSequenceNumber(),
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
            "sequenceNumber", change.getSequenceNumber(),
            "error", e.getClass().getSimpleName(),
            "code", errorCode(e));
        failures.add(new BatchItemFailure(change.getSequenceNumber()));
        break;
      }
    }
    log.info(
        "batch.done",
        "records", event.getRecords().size(),
        "notified", notified,
        "skipped", skipped,
        "failed", failures.size());
    return new StreamsEventResponse(failures);
  }

  private static boolean isRequestInsert(DynamodbStreamRecord record) {
    return INSERT.equals(record.getEventName())
        && record.getDynamodb() != null
        && record.getDynamodb().getKeys() != null
        && ConsultationMapper.isRequest(StreamImage.toSdk(record.getDynamodb().getKeys()));
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
