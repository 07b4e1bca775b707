package dev.contentfunctions.load;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;

/**
 * What the load's requests got: per route, the statuses and latencies of the answers; and every
 * error, counted by kind. Recorded from the HTTP client's threads as answers arrive.
 */
final class LoadResult {
  /** What counts as an error. */
  enum ErrorKind {
    SERVER_ERROR("5xx"),
    TRANSPORT("transport error"),
    UNEXPECTED_STATUS("unexpected status");

    final String label;

    ErrorKind(String label) {
      this.label = label;
    }
  }

  /**
   * @param detail what happened, such as {@code 404, expected 200} or the exception
   */
  record Error(ErrorKind kind, String route, String detail) {}

  /** One route's answers. */
  static final class RouteAnswers {
    final LatencySamples latencies = new LatencySamples();
    final Map<Integer, Integer> statuses = new TreeMap<>();
  }

  private final Map<String, RouteAnswers> routes = new TreeMap<>();
  private final Map<Error, Integer> errors = new LinkedHashMap<>();
  private int sent;
  private int answered;
  private int failed;
  private int maxInFlight;
  private boolean over;

  synchronized void countSent() {
    sent++;
    maxInFlight = Math.max(maxInFlight, sent - answered - failed);
  }

  /**
   * @param latencyNanos from when the request was due to the end of its answer
   * @param response null if {@code failure} is not
   */
  synchronized void record(
      LoadRequest request, long latencyNanos, HttpResponse<?> response, Throwable failure) {
    if (over) {
      return; // counted as unanswered already
    }
    if (response == null) {
      failed++;
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      error(ErrorKind.TRANSPORT, request.route(), cause.toString());
    } else {
      answered++;
      int status = response.statusCode();
      RouteAnswers answers = routes.computeIfAbsent(request.route(), route -> new RouteAnswers());
      answers.latencies.add(latencyNanos);
      answers.statuses.merge(status, 1, Integer::sum);
      if (status >= 500) {
        error(ErrorKind.SERVER_ERROR, request.route(), String.valueOf(status));
      } else if (!request.expects(response)) {
        error(
            ErrorKind.UNEXPECTED_STATUS,
            request.route(),
            status + ", expected " + request.expectedStatus());
      }
    }
    notifyAll();
  }

  /**
   * Waits until every request sent has its answer or its failure; then counts any still without one
   * as a transport error, so that every request sent is accounted for.
   */
  synchronized void awaitAll(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long left;
    while (answered + failed < sent && (left = deadline - System.nanoTime()) > 0) {
      wait(Math.max(1, left / 1_000_000));
    }
    over = true;
    int unanswered = sent - answered - failed;
    if (unanswered > 0) {
      failed += unanswered;
      errors.merge(
          new Error(
              ErrorKind.TRANSPORT,
              "any",
              "no answer " + timeout.toSeconds() + " s after the last request was sent"),
          unanswered,
          Integer::sum);
    }
  }

  synchronized int sent() {
    return sent;
  }

  /** Requests that got an HTTP answer, whatever its status. */
  synchronized int answered() {
    return answered;
  }

  synchronized int maxInFlight() {
    return maxInFlight;
  }

  synchronized int errorCount() {
    return errors.values().stream().mapToInt(Integer::intValue).sum();
  }

  synchronized Map<Error, Integer> errors() {
    return new LinkedHashMap<>(errors);
  }

  /** By route, in the order of their names. Read once the run is over. */
  synchronized Map<String, RouteAnswers> routes() {
    return new TreeMap<>(routes);
  }

  private void error(ErrorKind kind, String route, String detail) {
    errors.merge(new Error(kind, route, detail), 1, Integer::sum);
  }
}
