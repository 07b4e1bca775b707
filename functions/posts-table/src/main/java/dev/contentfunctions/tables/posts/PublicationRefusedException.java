package dev.contentfunctions.tables.posts;

/**
 * A post the table cannot take as it is (too large, too many entries in one change). Permanent: a
 * retry would be refused the same way. The message is written for the author.
 */
public class PublicationRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublicationRefusedException(String message) {
    super(message);
  }
}
