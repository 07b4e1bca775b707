package dev.contentfunctions.tables.posts;

/**
 * A read would have gone past {@link PostRepository#MAX_ITEMS_PER_READ} items or {@link
 * PostRepository#MAX_READ_MILLIS}: stopped rather than left to run into the function's timeout.
 * The message says which, for the log; callers answer with less or ask to retry later.
 */
public final class ReadLimitExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReadLimitExceededException(String reason) {
    super(reason, null, false, false);
  }
}
