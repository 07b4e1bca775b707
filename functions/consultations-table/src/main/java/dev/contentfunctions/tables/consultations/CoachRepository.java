package dev.contentfunctions.tables.consultations;

import java.time.Instant;
import java.util.List;

/**
 * What the coach does with the consultations table: read requests by status, newest first (a page
 * at a time, or all of them for a spreadsheet), mark one handled, erase everything filed under one
 * person's e-mail hash. {@link DynamoDbCoachRepository} is the table; an in-memory one (this
 * module's test-jar) passes the same contract suite, for fast tests of what uses it.
 */
public interface CoachRepository {
  /** Where a page ended: the last request shown, by what orders the listing. */
  record Position(Instant receivedAt, String id) {
    public static Position of(Consultation c) {
      return new Position(c.receivedAt(), c.id());
    }
  }

  /** A page of one status's requests, newest first; {@code next} is null on the last page. */
  record Page(List<Consultation> consultations, Position next) {
    public Page {
      consultations = List.copyOf(consultations);
    }
  }

  /** What marking a request handled found. */
  sealed interface Marking permits Marked, AlreadyHandled, NotFound {}

  /** It was new and is handled now. */
  record Marked(Consultation consultation) implements Marking {}

  /** It was handled before: nothing changed, the first {@code handledAt} stays. */
  record AlreadyHandled(Consultation consultation) implements Marking {}

  /** There is no such request (any more); none is created. */
  record NotFound() implements Marking {}

  /**
   * Up to {@code limit} requests of {@code status}, newest first, after {@code after} (null: from
   * the newest). A page never ends a listing that continues with an empty page: {@code next} is set
   * only when another request follows.
   */
  Page page(Consultation.Status status, int limit, Position after);

  /** Every request of {@code status}, newest first. */
  List<Consultation> all(Consultation.Status status);

  /** Moves a new request to the handled ones, with {@code now} as its {@code handledAt}. */
  Marking markHandled(String id, Instant now);

  /**
   * Deletes everything filed under {@code emailHash}: the person's requests and what derives from
   * them. Returns how many requests it deleted; what someone else deleted meanwhile is not counted.
   */
  int erase(String emailHash);
}
