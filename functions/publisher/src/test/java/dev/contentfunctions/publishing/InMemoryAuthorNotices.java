package dev.contentfunctions.publishing;

import java.util.ArrayList;
import java.util.List;

/** The notices sent, in order: what the author's mailbox would hold. */
final class InMemoryAuthorNotices implements AuthorNotices {
  private final List<AuthorNotice> sent = new ArrayList<>();

  @Override
  public synchronized void send(AuthorNotice notice) {
    sent.add(notice);
  }

  synchronized List<AuthorNotice> sent() {
    return List.copyOf(sent);
  }
}
