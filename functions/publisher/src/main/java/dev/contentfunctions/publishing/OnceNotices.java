package dev.contentfunctions.publishing;

import dev.contentfunctions.tables.posts.PublicationRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Sends each notice at most once: before handing it on, marks it in the posts table with a
 * conditional write keyed by the file and the notice's fingerprint (its subject and text, which
 * name the upload's version). A retried or re-delivered event that comes to the same notice finds
 * the mark and sends nothing; two invocations racing on one event send one notice.
 *
 * <p>Marked, then sent: if the send fails after the mark, the notice is lost (and logged), never
 * repeated. If the mark cannot be written (DynamoDB is failing), the error propagates like any
 * DynamoDB error and Lambda retries the event.
 */
final class OnceNotices implements AuthorNotices {
  /** Longer than Lambda retries an S3 event (MaximumEventAgeInSeconds: 1 hour) by far. */
  static final Duration MARK_KEPT = Duration.ofDays(1);

  private final AuthorNotices delegate;
  private final PublicationRepository repository;
  private final Clock clock;

  OnceNotices(AuthorNotices delegate, PublicationRepository repository, Clock clock) {
    this.delegate = delegate;
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public void send(AuthorNotice notice) {
    if (repository.markNotice(notice.key(), fingerprint(notice), clock.instant().plus(MARK_KEPT))) {
      delegate.send(notice);
    }
  }

  static String fingerprint(AuthorNotice notice) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha256.digest((notice.subject() + "\n" + notice.text()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
