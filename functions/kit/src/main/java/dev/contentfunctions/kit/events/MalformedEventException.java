package dev.contentfunctions.kit.events;

/**
 * An event that is not the JSON its decoder reads: not JSON at all, a field of the wrong type, a
 * required field missing. The message names the field (never its value: it may be a visitor's).
 */
public final class MalformedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedEventException(String message) {
    // No stack trace: an answer (400, a skipped record), not a failure of ours.
    super(message, null, false, false);
  }
}
