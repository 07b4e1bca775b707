package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.kit.events.HttpApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every response a handler builds carries the headers a browser needs to read it safely. */
class ResponsesTest {
  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    for (HttpApiResponse response :
        new HttpApiResponse[] {
          Responses.response(200, Responses.JSON, "{}", Map.of()),
          Responses.response(301, null, null, Map.of("Location", "/posts/new")),
          Responses.problem(new ApiException.NotFound("No such post."), "request-1"),
          Responses.problem(new ApiException.Unavailable("Try again.", 5), "request-2"),
          Responses.unexpected("request-3")
        }) {
      assertThat(response.headers())
          .containsEntry("X-Content-Type-Options", "nosniff")
          .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
          .containsKey("Referrer-Policy");
    }
  }

  @Test
  void aCallersHeadersCannotWeakenTheSecurityHeaders() {
    HttpApiResponse response =
        Responses.response(
            200,
            "text/html; charset=utf-8",
            "<p>hello</p>",
            Map.of("X-Content-Type-Options", "", "Content-Security-Policy", "default-src *", "Cache-Control", "no-store"));

    assertThat(response.headers())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Type", "text/html; charset=utf-8");
  }
}
