package dev.contentfunctions.publishing;

/** A file of the content bucket over the size its kind may have: refused before it is read. */
public final class FileTooLargeException extends RuntimeException {
  private final long bytes;

  public FileTooLargeException(long bytes) {
    super("The file is " + bytes + " bytes.");
    this.bytes = bytes;
  }

  public long bytes() {
    return bytes;
  }
}
