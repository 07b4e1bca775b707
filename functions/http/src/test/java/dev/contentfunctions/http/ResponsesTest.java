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
    Map<String, String> weaker =
        Map.of("X-Content-Type-Options", "", "Content-Security-Policy", "default-src *", "Cache-Control", "no-store");

    assertThat(Responses.response(200, Responses.JSON, "{}", weaker).headers())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .containsEntry("Cache-Control", "no-store");
    assertThat(Responses.response(200, Responses.HTML, "<p>hello</p>", weaker).headers())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Content-Security-Policy", Responses.PAGE_CSP)
        .containsEntry("Content-Type", "text/html; charset=utf-8");
  }

  @Test
  void aPagesCspAllowsOnlyTheSitesOwnScriptsAndStyles() {
    assertThat(Responses.PAGE_CSP)
        .isEqualTo(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; "
                + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; manifest-src 'self'")
        .doesNotContain("unsafe");
  }

  @Test
  void aPagesNotModifiedKeepsThePageCspSoARevalidatedCopyStillRuns() {
    Representation page = new Representation("<p>hello</p>", Responses.HTML, Representation.PUBLIC);
    String etag = page.toResponse(Map.of(), false).headers().get("ETag");

    HttpApiResponse notModified = page.toResponse(Map.of("if-none-match", etag), false);

    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers()).containsEntry("Content-Security-Policy", Responses.PAGE_CSP);
  }
}
