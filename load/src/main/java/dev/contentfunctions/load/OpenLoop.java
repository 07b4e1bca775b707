package dev.contentfunctions.load;

import dev.contentfunctions.local.Console;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Sends requests at fixed intervals whatever happens to them (an open loop): request {@code i} is
 * due at {@code start + i / rate} and is sent then, even while earlier ones still wait for their
 * answers. A slow answer therefore cannot hold back the requests behind it and hide its cost
 * (coordinated omission), and each latency runs from when its request was due, not from when it was
 * sent: waiting behind others counts.
 */
final class OpenLoop {
  /** A request without an answer by then is a transport error. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

  private final HttpClient http;
  private final int rate;
  private final PrintStream out;

  /**
   * @param rate requests a second
   * @param out one progress line every 10 s
   */
  OpenLoop(HttpClient http, int rate, PrintStream out) {
    this.http = http;
    this.rate = rate;
    this.out = out;
  }

  /**
   * The client for the load. HTTP/1.1: the local API speaks nothing else, and asking for HTTP/2
   * would add an h2c upgrade offer to every new connection.
   */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(REQUEST_TIMEOUT)
        .build();
  }

  /**
   * Sends {@code count} requests, number {@code i} made by {@code requests} just before it is due,
   * and returns once each has its answer, failure or timeout.
   */
  LoadResult run(IntFunction<LoadRequest> requests, int count) throws InterruptedException {
    LoadResult result = new LoadResult();
    long progressEvery = (long) rate * PROGRESS_INTERVAL.toSeconds();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      LoadRequest request = requests.apply(i);
      long due = start + i * 1_000_000_000L / rate;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      result.countSent();
      http.sendAsync(request.http(), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, failure) ->
                  result.record(request, System.nanoTime() - due, response, failure));
      if ((i + 1) % progressEvery == 0) {
        out.println(
            Console.line(
                "load",
                (i + 1) / rate
                    + " s: "
                    + result.sent()
                    + " sent, "
                    + result.answered()
                    + " answered, "
                    + result.errorCount()
                    + " errors"));
      }
    }
    // Every request times out by itself; the margin is for answers already arriving then.
    result.awaitAll(REQUEST_TIMEOUT.plusSeconds(5));
    return result;
  }
}
