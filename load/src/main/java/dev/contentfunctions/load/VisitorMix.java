package dev.contentfunctions.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The load's requests, one by one: what a small blog's visitors and feed readers ask for, in fixed
 * shares, and a few booking requests spread evenly over the run.
 *
 * <p>Bookings: {@code POST /consultations} accepts 10 requests an hour from one source address (and
 * 3 per e-mail address), and every request of the load comes from 127.0.0.1. So the run books once
 * per hundred requests, at most {@link #MAX_BOOKINGS} times, each a different visitor (own e-mail
 * address, own Idempotency-Key), and expects 201 for every one: a 429 is an error. A flood of
 * bookings from one address would measure nothing but the rate limiter's 429s.
 *
 * <p>Not thread-safe: the one thread that schedules the load asks for the requests in order.
 */
final class VisitorMix {
  /** The API's limit per source address and hour: all the load may book from 127.0.0.1. */
  static final int MAX_BOOKINGS = 10;

  static final String BOOKING = "POST /consultations";
  private static final int REQUESTS_PER_BOOKING = 100;
  private static final String USER_AGENT = "content-functions load/run";

  /** A kind of visitor request and its share of them, in percent. */
  enum Route {
    POST("GET /posts/{slug}", 25), // a post page: the post...
    RELATED("GET /posts/{slug}/related", 25), // ...and its "You may also like"
    LIST("GET /posts", 14), // the home page (3 newest) and the blog index (a page of 10)
    TAG("GET /posts?tag=", 10), // the blog index filtered by a tag
    TAGS("GET /tags", 12), // the blog index's tag filter
    FEED("GET /feed.xml", 4), // a feed reader's first fetch
    FEED_REVALIDATED("GET /feed.xml, If-None-Match", 5), // feed readers polling: 304
    POST_REVALIDATED("GET /posts/{slug}, If-None-Match", 5); // a reader back after max-age: 304

    final String label;
    final int percent;

    Route(String label, int percent) {
      this.label = label;
      this.percent = percent;
    }
  }

  private final SiteContent site;
  private final URI api;
  private final Random random;
  private final Set<Integer> bookingSlots;
  private int bookingsMade;

  /**
   * @param requests how many requests the run sends, bookings included
   * @param seed the same seed asks for the same things in the same order
   */
  VisitorMix(SiteContent site, URI api, int requests, long seed) {
    this.site = site;
    this.api = api;
    this.random = new Random(seed);
    this.bookingSlots = bookingSlots(requests);
  }

  /** How many of the run's requests are bookings. */
  int bookings() {
    return bookingSlots.size();
  }

  /** The run's request number {@code index}, counting from 0. */
  LoadRequest request(int index) {
    if (bookingSlots.contains(index)) {
      return booking(++bookingsMade);
    }
    Route route = pickRoute();
    return switch (route) {
      case POST -> get(route, "/posts/" + pick(site.slugs()));
      case RELATED -> get(route, "/posts/" + pick(site.slugs()) + "/related?limit=3");
      case LIST -> get(route, "/posts?limit=" + (random.nextBoolean() ? 3 : 10));
      case TAG ->
          get(
              route,
              "/posts?limit=10&tag="
                  + URLEncoder.encode(pick(site.tags()), StandardCharsets.UTF_8));
      case TAGS -> get(route, "/tags");
      case FEED -> get(route, "/feed.xml");
      case FEED_REVALIDATED -> revalidate(route, "/feed.xml");
      case POST_REVALIDATED -> revalidate(route, "/posts/" + pick(site.slugs()));
    };
  }

  /** A GET as a browser sends it (gzip accepted, so the ETags are those of the gzip variant). */
  static HttpRequest.Builder visitorGet(URI api, String pathAndQuery) {
    return HttpRequest.newBuilder(api.resolve(pathAndQuery))
        .timeout(OpenLoop.REQUEST_TIMEOUT)
        .header("Accept-Encoding", "gzip")
        .header("User-Agent", USER_AGENT);
  }

  /** Evenly spread: the middle of each of {@code count} equal parts of the run. */
  static Set<Integer> bookingSlots(int requests) {
    int count =
        Math.min(MAX_BOOKINGS, (requests + REQUESTS_PER_BOOKING - 1) / REQUESTS_PER_BOOKING);
    Set<Integer> slots = new TreeSet<>();
    for (long part = 0; part < count; part++) {
      slots.add((int) ((2 * part + 1) * requests / (2L * count)));
    }
    return slots;
  }

  private Route pickRoute() {
    int share = random.nextInt(100);
    for (Route route : Route.values()) {
      share -= route.percent;
      if (share < 0) {
        return route;
      }
    }
    throw new IllegalStateException("The routes' shares add up to less than 100");
  }

  private String pick(List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  private LoadRequest get(Route route, String pathAndQuery) {
    return new LoadRequest(route.label, visitorGet(api, pathAndQuery).build(), 200, null);
  }

  private LoadRequest revalidate(Route route, String path) {
    String etag = site.etags().get(path);
    return new LoadRequest(
        route.label, visitorGet(api, path).header("If-None-Match", etag).build(), 304, etag);
  }

  /** The booking form's JSON, as the site's script sends it, from visitor number {@code n}. */
  private LoadRequest booking(int n) {
    String body =
        """
        {"name":"Load Visitor %d","email":"load-visitor-%d@example.com",\
        "preferredTimes":["Weekday evenings"],"timezone":"Europe/London",\
        "message":"Sent by load/run.","consent":true}\
        """
            .formatted(n, n);
    HttpRequest http =
        HttpRequest.newBuilder(api.resolve("/consultations"))
            .timeout(OpenLoop.REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .header("User-Agent", USER_AGENT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return new LoadRequest(BOOKING, http, 201, null);
  }
}
