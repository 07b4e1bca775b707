package dev.contentfunctions.publishing;

import dev.contentfunctions.kit.log.Log;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Publishes each notice to the author's topic (AUTHOR_TOPIC_ARN), whose e-mail subscription is
 * AuthorEmail. The client is built on the first notice, not at init: most invocations send none,
 * and the SNS client's classes would cost every cold start. A failed send is logged (the file's
 * key, the error's type and code; never the text) and dropped: see {@link AuthorNotices}.
 */
final class SnsAuthorNotices implements AuthorNotices {
  private final Supplier<SnsClient> client;
  private final String topicArn;
  private final Log log;
  private SnsClient built;

  SnsAuthorNotices(Supplier<SnsClient> client, String topicArn, Log log) {
    this.client = client;
    this.topicArn = topicArn;
    this.log = log;
  }

  @Override
  public void send(AuthorNotice notice) {
    try {
      String messageId =
          client().publish(r -> r.topicArn(topicArn).subject(notice.subject()).message(notice.text())).messageId();
      log.info("author.notified", "key", notice.key(), "messageId", messageId);
    } catch (RuntimeException e) {
      log.error(
          "author.notice_failed",
          "key", notice.key(),
          "error", e.getClass().getSimpleName(),
          "code", e instanceof AwsServiceException service && service.awsErrorDetails() != null
              ? service.awsErrorDetails().errorCode()
              : null);
    }
  }

  private synchronized SnsClient client() {
    if (built == null) {
      built = client.get();
    }
    return built;
  }
}
