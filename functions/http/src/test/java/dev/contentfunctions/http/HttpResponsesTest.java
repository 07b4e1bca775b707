package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every response a handler builds carries the headers a browser needs to read it safely. */
class HttpResponsesTest {
  @Test
  void everyKindOfResponseCarriesTheSecurityHeaders() {
    for (APIGatewayV2HTTPResponse response :
        new APIGatewayV2HTTPResponse[] {
          HttpResponses.response(200, HttpResponses.JSON, "{}", Map.of()),
          HttpResponses.response(301, null, null, Map.of("Location", "/posts/new")),
          HttpResponses.problem(new ApiException.NotFound("No such post."), "request-1"),
          HttpResponses.problem(new ApiException.Unavailable("Try again.", 5), "request-2"),
          HttpResponses.unexpected("request-3")
        }) {
      assertThat(response.getHeaders())
          .containsEntry("X-Content-Type-Options", "nosniff")
          .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
          .containsKey("Referrer-Policy");
    }
  }

  @Test
  void aCallersHeadersCannotWeakenTheSecurityHeaders() {
    APIGatewayV2HTTPResponse response =
        HttpResponses.response(
            200,
            "text/html; charset=utf-8",
            "<p>hello</p>",
            Map.of("X-Content-Type-Options", "", "Content-Security-Policy", "default-src *", "Cache-Control", "no-store"));

    assertThat(response.getHeaders())
        .containsEntry("X-Content-Type-Options", "nosniff")
        .containsEntry("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
        .containsEntry("Cache-Control", "no-store")
        .containsEntry("Content-Type", "text/html; charset=utf-8");
  }
}
