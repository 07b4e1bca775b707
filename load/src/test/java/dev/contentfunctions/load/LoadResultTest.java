package dev.contentfunctions.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class LoadResultTest {
  private static final LoadRequest TAGS = new LoadRequest("GET /tags", null, 200, null);

  @Test
  void answersAreCountedByRouteAndStatusWithTheirLatencies() {
    LoadResult result = new LoadResult();
    send(result, 3);
    result.record(TAGS, 2_000_000, new FakeResponse(200, null), null);
    result.record(TAGS, 4_000_000, new FakeResponse(200, null), null);
    result.record(TAGS, 9_000_000, new FakeResponse(404, null), null);

    LoadResult.RouteAnswers tags = result.routes().get("GET /tags");
    assertThat(tags.statuses).containsExactly(entry(200, 2), entry(404, 1));
    assertThat(tags.latencies.percentile(100)).isEqualTo(9_000_000);
    assertThat(result.answered()).isEqualTo(3);
    assertThat(result.maxInFlight()).isEqualTo(3);
  }

  @Test
  void errorsAreA5xxAnUnexpectedStatusOrATransportError() throws Exception {
    LoadResult result = new LoadResult();
    send(result, 4);
    result.record(TAGS, 1, new FakeResponse(503, null), null);
    result.record(TAGS, 1, new FakeResponse(429, null), null);
    result.record(TAGS, 1, new FakeResponse(429, null), null);
    result.record(TAGS, 1, null, new CompletionException(new ConnectException("refused")));
    result.awaitAll(Duration.ZERO);

    assertThat(result.errors())
        .containsOnly(
            entry(new LoadResult.Error(LoadResult.ErrorKind.SERVER_ERROR, "GET /tags", "503"), 1),
            entry(
                new LoadResult.Error(
                    LoadResult.ErrorKind.UNEXPECTED_STATUS, "GET /tags", "429, expected 200"),
                2),
            entry(
                new LoadResult.Error(
                    LoadResult.ErrorKind.TRANSPORT,
                    "GET /tags",
                    "java.net.ConnectException: refused"),
                1));
    assertThat(result.errorCount()).isEqualTo(4);
    assertThat(result.answered()).isEqualTo(3);
  }

  @Test
  void aRequestStillWithoutAnAnswerAtTheEndIsATransportErrorAndALateAnswerIsIgnored()
      throws Exception {
    LoadResult result = new LoadResult();
    send(result, 2);
    result.record(TAGS, 1, new FakeResponse(200, null), null);
    result.awaitAll(Duration.ofMillis(10));
    result.record(TAGS, 1, new FakeResponse(200, null), null);

    assertThat(result.answered()).isEqualTo(1);
    assertThat(result.errors())
        .containsExactly(
            entry(
                new LoadResult.Error(
                    LoadResult.ErrorKind.TRANSPORT,
                    "any",
                    "no answer 0 s after the last request was sent"),
                1));
  }

  private static void send(LoadResult result, int requests) {
    for (int i = 0; i < requests; i++) {
      result.countSent();
    }
  }
}
