package dev.contentfunctions.publishing;

/**
 * The uploaded file cannot become a post (broken front matter, not UTF-8, too large, ...). A permanent
 * failure: it is reported to the author and not retried. The message is written for the author.
 */
public class InvalidPostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidPostException(String message) {
    super(message);
  }
}
