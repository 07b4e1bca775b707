package dev.contentfunctions.kit.events;

import java.util.List;

/**
 * The records of one event-source invocation, in order, each either read or not. An unreadable
 * record is the sender's bug, not a transient failure: the function logs it and goes on, so that
 * one bad record cannot make Lambda retry the whole batch for ever.
 */
public record RecordBatch<T>(List<Entry<T>> entries) {
  public RecordBatch {
    entries = List.copyOf(entries);
  }

  public sealed interface Entry<T> permits Readable, Unreadable {}

  public record Readable<T>(T record) implements Entry<T> {}

  /**
   * @param index the record's position in the batch
   * @param id what identifies it, if that much could be read (an object key, a sequence number)
   * @param reason what was wrong, naming fields, never their values
   */
  public record Unreadable<T>(int index, String id, String reason) implements Entry<T> {}
}
