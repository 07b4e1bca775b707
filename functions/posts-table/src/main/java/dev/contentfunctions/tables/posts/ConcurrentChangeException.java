package dev.contentfunctions.tables.posts;

/** Another event for the same file won the race; re-read the source record and decide again. */
public final class ConcurrentChangeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConcurrentChangeException(String key) {
    super("Another event for " + key + " was applied concurrently");
  }
}
