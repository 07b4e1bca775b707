package dev.contentfunctions.notifier;

import dev.contentfunctions.tables.consultations.Consultation;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Tells the coach about a booking request: one message to the SNS topic the coach's e-mail address
 * is subscribed to.
 *
 * <p>Standard topics do not deduplicate, so a request whose record Lambda delivers again (a retried
 * batch) may reach the coach twice. That is acceptable: the request itself is stored once, and a
 * duplicate e-mail carries the same request id.
 */
public final class CoachNotifier {
  private final SnsClient sns;
  private final String topicArn;

  public CoachNotifier(SnsClient sns, String topicArn) {
    this.sns = sns;
    this.topicArn = topicArn;
  }

  /**
   * Publishes the request and returns SNS's message id; throws the SDK's exception when SNS cannot
   * be reached or refuses the message.
   */
  public String notifyCoach(Consultation request) {
    CoachMessage message = CoachMessage.of(request);
    return sns.publish(r -> r.topicArn(topicArn).subject(message.subject()).message(message.body()))
        .messageId();
  }
}
