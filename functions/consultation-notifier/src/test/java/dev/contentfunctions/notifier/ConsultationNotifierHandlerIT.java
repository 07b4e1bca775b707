package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.testkit.EmfLines;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.notifier.NotifierTestBed.Notification;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/** The handler, fed the sample event and hand-made batches, publishing to a topic in moto. */
class ConsultationNotifierHandlerIT {
  private static final String SAMPLE_ID = "01KF0FVEFS7Q4M2XH8RZ3B6NWD";
  private static final String SAMPLE_SEQUENCE_NUMBER = "4421584500000000017450439091";

  /** What the sample person wrote: none of it may appear in a log line. */
  private static final List<String> SAMPLE_PERSONAL_DATA =
      List.of("Alex Example", "alex@example.com", "555 0100", "chores");

  private static final byte[] SAMPLE = RepoPaths.sampleEvent("dynamodb-new-consultation.json");

  private final NotifierTestBed bed = new NotifierTestBed();

  @Test
  void sampleEventReachesTheCoach() {
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response = StreamInvocation.stream(bed.handler(context), SAMPLE, context);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bed.received())
        .singleElement()
        .satisfies(
            notification -> {
              assertThat(notification.subject()).isEqualTo(CoachMessage.SUBJECT);
              assertThat(notification.body())
                  .contains("Alex Example", "alex@example.com", "+1 555 0100")
                  .contains("Tuesday evening", "Saturday morning", "America/New_York")
                  .contains("wearing us both down")
                  .contains(SAMPLE_ID);
            });
    assertThat(context.logLines())
        .anySatisfy(
            line -> assertThat(line).contains("\"message\":\"consultation.notified\"", SAMPLE_ID))
        .allSatisfy(line -> assertThat(line).doesNotContain(SAMPLE_PERSONAL_DATA));
    assertThat(EmfLines.labels(context.metricLines()))
        .containsExactly("ColdStart=1.0", "NotificationsSent=1.0", "NotificationsFailed=0.0");
    assertThat(context.metricLines()).singleElement().asString().doesNotContain(SAMPLE_PERSONAL_DATA).doesNotContain(SAMPLE_ID);
  }

  @Test
  void failedPublishIsReportedForRetryAndLogsNoPersonalData() {
    String missingTopic = bed.topicArn + "-deleted";
    LocalContext context = new LocalContext("ConsultationNotifierFunction");
    ConsultationNotifierHandler handler =
        new ConsultationNotifierHandler(new CoachNotifier(NotifierTestBed.SNS, missingTopic), context.log());

    StreamsEventResponse response = StreamInvocation.stream(handler, SAMPLE, context);

    assertThat(response.getBatchItemFailures())
        .extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly(SAMPLE_SEQUENCE_NUMBER);
    assertThat(bed.received()).isEmpty();
    assertThat(context.logLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"message\":\"consultation.notify-failed\"",
                        SAMPLE_ID,
                        SAMPLE_SEQUENCE_NUMBER))
        .allSatisfy(line -> assertThat(line).doesNotContain(SAMPLE_PERSONAL_DATA));
  }

  @Test
  void recordsAfterAFailedPublishAreLeftForLambdasRetry() {
    Consultation first = TestRequests.request("Alex Example", "alex@example.com");
    Consultation failing = TestRequests.request("Sam Sample", "sam@example.com");
    Consultation after = TestRequests.request("Robin Placeholder", "robin@example.com");
    DynamodbEvent event =
        StreamEvents.inserts(
            List.of(
                ConsultationMapper.toItem(first),
                ConsultationMapper.toItem(failing),
                ConsultationMapper.toItem(after)));
    LocalContext context = new LocalContext("ConsultationNotifierFunction");
    ConsultationNotifierHandler handler =
        new ConsultationNotifierHandler(
            new CoachNotifier(throttledFor(failing.id()), bed.topicArn), context.log(),
            context.metrics(ConsultationNotifierHandler.FUNCTION));

    StreamsEventResponse response = StreamInvocation.stream(handler, event, context);

    // Lambda resumes from the reported record: the one after it comes again, so it waits.
    assertThat(response.getBatchItemFailures())
        .extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly(StreamEvents.sequenceNumber(1));
    assertThat(bed.received())
        .extracting(Notification::body)
        .singleElement()
        .asString()
        .contains(first.id());
    assertThat(context.logLines())
        .anySatisfy(line -> assertThat(line).contains("\"code\":\"Throttling\"", failing.id()))
        .allSatisfy(
            line ->
                assertThat(line)
                    .doesNotContain(
                        "Sam Sample", "sam@example.com", "Alex Example", "alex@example.com"));
    assertThat(EmfLines.labels(context.metricLines()))
        .containsExactly("ColdStart=1.0", "NotificationsSent=1.0", "NotificationsFailed=1.0");
  }

  @Test
  void unreadableRequestIsLoggedAndSkippedNotRetried() {
    Consultation readable = TestRequests.request("Alex Example", "alex@example.com");
    Map<String, AttributeValue> broken =
        new HashMap<>(
            ConsultationMapper.toItem(TestRequests.request("Sam Sample", "sam@example.com")));
    broken.remove(ConsultationMapper.RECEIVED_AT);
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response =
        StreamInvocation.stream(
            bed.handler(context), StreamEvents.inserts(List.of(broken, ConsultationMapper.toItem(readable))), context);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bed.received())
        .extracting(Notification::body)
        .singleElement()
        .asString()
        .contains(readable.id());
    assertThat(context.logLines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "\"message\":\"consultation.unreadable\"", StreamEvents.sequenceNumber(0)))
        .allSatisfy(line -> assertThat(line).doesNotContain("Sam Sample", "sam@example.com"));
  }

  @Test
  void aMalformedEventIsLoggedAndNotRetried() {
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response =
        StreamInvocation.stream(bed.handler(context), "{\"Records\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), context);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(context.logLines()).singleElement().asString().contains("\"message\":\"batch.malformed\"", "Records");
  }

  @Test
  void aRecordThatIsNotAStreamRecordIsSkippedAndTheRestNotified() {
    Consultation readable = TestRequests.request("Alex Example", "alex@example.com");
    String good = new String(StreamInvocation.toJson(StreamEvents.inserts(List.of(ConsultationMapper.toItem(readable)))),
        java.nio.charset.StandardCharsets.UTF_8);
    String event = good.replaceFirst("\\{\"Records\":\\[", "{\"Records\":[{\"eventName\":\"INSERT\",\"dynamodb\":{\"SequenceNumber\":\"7\",\"NewImage\":{\"pk\":{\"S\":1}}}},");
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response =
        StreamInvocation.stream(bed.handler(context), event.getBytes(java.nio.charset.StandardCharsets.UTF_8), context);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bed.received()).extracting(Notification::body).singleElement().asString().contains(readable.id());
    assertThat(context.logLines()).anySatisfy(line -> assertThat(line).contains("consultation.unreadable", "\"sequenceNumber\":\"7\""));
  }

  /** moto's SNS, except that publishing the request {@code id} is throttled. */
  private static SnsClient throttledFor(String id) {
    return new SnsClient() {
      @Override
      public PublishResponse publish(PublishRequest request) {
        if (request.message().contains(id)) {
          throw SnsException.builder()
              .statusCode(400)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build())
              .build();
        }
        return NotifierTestBed.SNS.publish(request);
      }

      @Override
      public String serviceName() {
        return SERVICE_NAME;
      }

      @Override
      public void close() {}
    };
  }
}
