package dev.contentfunctions.publishing;

/**
 * Tells the author, by one message per upload, that a file failed to publish or was published with
 * warnings (template.yaml's AuthorTopic, e-mailed to AuthorEmail). The report under {@code reports/}
 * is written first and stays the record; the notice only points at it.
 *
 * <p>{@link #send} never throws: a notice is sent at most once. An implementation that cannot send
 * says so in its own log line and the upload's outcome stands (the report is written; failing the
 * invocation would have Lambda retry the whole publish for an e-mail, and the retry, a seen-again
 * event, sends nothing anyway).
 */
public interface AuthorNotices {
  /** No one to tell: the author's topic is not configured. */
  AuthorNotices NONE = notice -> {};

  void send(AuthorNotice notice);
}
