package dev.contentfunctions.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VisitorMixTest {
  private static final URI API = URI.create("http://127.0.0.1:3000");
  private static final SiteContent SITE =
      new SiteContent(
          List.of("first-post", "second-post"),
          List.of("communication", "emotional connection"),
          Map.of(
              "/posts/first-post", "\"p1\"",
              "/posts/second-post", "\"p2\"",
              "/feed.xml", "\"feed\""));

  @Test
  void theRoutesSharesAddUpToAHundredPercent() {
    assertThat(Stream.of(VisitorMix.Route.values()).mapToInt(route -> route.percent).sum())
        .isEqualTo(100);
  }

  @Test
  void oneRequestInAHundredIsABookingAtMostTenSpreadOverTheRun() {
    assertThat(VisitorMix.bookingSlots(1)).containsExactly(0);
    assertThat(VisitorMix.bookingSlots(200)).containsExactly(50, 150);
    assertThat(VisitorMix.bookingSlots(3000)).hasSize(10).startsWith(150, 450).endsWith(2850);
    assertThat(VisitorMix.bookingSlots(180_000)).hasSize(10).startsWith(9000);
  }

  @Test
  void eachBookingIsADifferentVisitorExpecting201() {
    List<LoadRequest> bookings =
        requests(new VisitorMix(SITE, API, 3000, 1), 3000).stream()
            .filter(request -> request.route().equals(VisitorMix.BOOKING))
            .toList();

    assertThat(bookings).hasSize(10).allMatch(booking -> booking.expectedStatus() == 201);
    assertThat(bookings)
        .extracting(booking -> booking.http().headers().firstValue("Idempotency-Key").orElseThrow())
        .doesNotHaveDuplicates();
    assertThat(bookings.get(0).http().method()).isEqualTo("POST");
    assertThat(bookings.get(0).http().uri()).isEqualTo(URI.create(API + "/consultations"));
  }

  @Test
  void revalidationsSendTheETagTakenAndExpect304() {
    List<LoadRequest> revalidations =
        requests(new VisitorMix(SITE, API, 1000, 1), 1000).stream()
            .filter(request -> request.etag() != null)
            .toList();

    assertThat(revalidations)
        .isNotEmpty()
        .allSatisfy(
            request -> {
              assertThat(request.expectedStatus()).isEqualTo(304);
              assertThat(request.http().headers().firstValue("If-None-Match"))
                  .contains(request.etag())
                  .contains(SITE.etags().get(request.http().uri().getPath()));
            });
  }

  @Test
  void everyVisitorRequestIsAGetOfTheApiAcceptingGzip() {
    assertThat(requests(new VisitorMix(SITE, API, 1000, 1), 1000))
        .filteredOn(request -> !request.route().equals(VisitorMix.BOOKING))
        .allSatisfy(
            request -> {
              assertThat(request.http().method()).isEqualTo("GET");
              assertThat(request.http().uri().getAuthority()).isEqualTo("127.0.0.1:3000");
              assertThat(request.http().headers().firstValue("Accept-Encoding")).contains("gzip");
            })
        .anySatisfy(
            request ->
                assertThat(request.http().uri().getRawQuery())
                    .isEqualTo("limit=10&tag=emotional+connection"));
  }

  @Test
  void theSameSeedAsksForTheSameThings() {
    assertThat(uris(new VisitorMix(SITE, API, 500, 7)))
        .isEqualTo(uris(new VisitorMix(SITE, API, 500, 7)))
        .isNotEqualTo(uris(new VisitorMix(SITE, API, 500, 8)));
  }

  @Test
  void aConditionalRequestsAnswerIs304OrAChangedResource() {
    LoadRequest revalidation = new LoadRequest("GET /feed.xml", null, 304, "\"feed\"");

    assertThat(revalidation.expects(new FakeResponse(304, "\"feed\""))).isTrue();
    assertThat(revalidation.expects(new FakeResponse(200, "\"new\""))).isTrue();
    assertThat(revalidation.expects(new FakeResponse(200, "\"feed\""))).isFalse();
    assertThat(revalidation.expects(new FakeResponse(200, null))).isFalse();
    assertThat(new LoadRequest("GET /tags", null, 200, null).expects(new FakeResponse(304, null)))
        .isFalse();
  }

  private static List<LoadRequest> requests(VisitorMix mix, int count) {
    return IntStream.range(0, count).mapToObj(mix::request).toList();
  }

  private static List<URI> uris(VisitorMix mix) {
    return requests(mix, 500).stream().map(request -> request.http().uri()).toList();
  }
}
