package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.local.HttpApiRoutes.Match;
import dev.contentfunctions.local.HttpApiRoutes.Route;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpApiRoutesTest {

  private static HttpApiRoutes routes(Route... routes) {
    return HttpApiRoutes.of(List.of(routes));
  }

  private static String routeKey(Optional<Match> match) {
    return match.map(m -> m.route().routeKey()).orElse("none");
  }

  @Test
  void literalSegmentBeatsParameter() {
    HttpApiRoutes routes =
        routes(
            new Route("GET", "/posts/{slug}", "A", false),
            new Route("GET", "/posts/featured", "B", false));

    assertThat(routeKey(routes.match("GET", "/posts/featured"))).isEqualTo("GET /posts/featured");
    assertThat(routeKey(routes.match("GET", "/posts/other"))).isEqualTo("GET /posts/{slug}");
  }

  @Test
  void parameterBeatsGreedyAndGreedyTakesTheRest() {
    HttpApiRoutes routes =
        routes(
            new Route("GET", "/posts/{proxy+}", "A", false),
            new Route("GET", "/posts/{slug}", "B", false));

    assertThat(routes.match("GET", "/posts/a"))
        .hasValueSatisfying(m -> assertThat(m.pathParameters()).isEqualTo(Map.of("slug", "a")));
    assertThat(routes.match("GET", "/posts/a/b/c"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().routeKey()).isEqualTo("GET /posts/{proxy+}");
              assertThat(m.pathParameters()).isEqualTo(Map.of("proxy", "a/b/c"));
            });
  }

  @Test
  void leftmostDifferenceDecides() {
    HttpApiRoutes routes =
        routes(
            new Route("GET", "/{section}/b/c", "A", false),
            new Route("GET", "/a/{x}/c", "B", false));

    assertThat(routeKey(routes.match("GET", "/a/b/c"))).isEqualTo("GET /a/{x}/c");
  }

  @Test
  void ownMethodBeatsAny() {
    HttpApiRoutes routes =
        routes(
            new Route("ANY", "/posts/{slug}", "A", false),
            new Route("GET", "/posts/{slug}", "B", false));

    assertThat(routes.match("GET", "/posts/a").orElseThrow().route().functionId()).isEqualTo("B");
    assertThat(routes.match("POST", "/posts/a").orElseThrow().route().functionId()).isEqualTo("A");
  }

  @Test
  void methodMismatchMatchesNothing() {
    HttpApiRoutes routes = routes(new Route("GET", "/posts", "A", false));

    assertThat(routes.match("POST", "/posts")).isEmpty();
    assertThat(routes.match("get", "/posts")).isPresent();
  }

  @Test
  void defaultRouteOnlyWhenNothingElseMatches() {
    HttpApiRoutes routes =
        routes(new Route(null, null, "Fallback", false), new Route("GET", "/{proxy+}", "A", false));

    assertThat(routeKey(routes.match("GET", "/anything"))).isEqualTo("GET /{proxy+}");
    assertThat(routes.match("DELETE", "/anything"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.route().routeKey()).isEqualTo("$default");
              assertThat(m.pathParameters()).isEmpty();
            });
  }

  @Test
  void greedyVariableNeedsAtLeastOneSegment() {
    HttpApiRoutes routes = routes(new Route("ANY", "/files/{proxy+}", "A", false));

    assertThat(routes.match("GET", "/files")).isEmpty();
    assertThat(routes.match("GET", "/files/")).isEmpty();
    assertThat(routes.match("GET", "/files/a")).isPresent();
  }

  @Test
  void pathParametersAreDecodedAfterSplitting() {
    HttpApiRoutes routes = routes(new Route("GET", "/posts/{slug}", "A", false));

    assertThat(routes.match("GET", "/posts/caf%C3%A9%2Fau+lait").orElseThrow().pathParameters())
        .containsEntry("slug", "café/au+lait");
  }

  @Test
  void segmentsMustMatchInNumber() {
    HttpApiRoutes routes =
        routes(new Route("GET", "/posts", "A", false), new Route("GET", "/", "Root", false));

    assertThat(routes.match("GET", "/posts/")).isEmpty();
    assertThat(routes.match("GET", "/posts/a")).isEmpty();
    assertThat(routeKey(routes.match("GET", "/"))).isEqualTo("GET /");
  }

  @Test
  void routesThatMatchTheSameRequestsAreRejected() {
    assertThatThrownBy(
            () ->
                routes(
                    new Route("GET", "/posts/{slug}", "A", false),
                    new Route("get", "/posts/{id}", "B", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GET /posts/{slug} (A)")
        .hasMessageContaining("GET /posts/{id} (B)");
  }

  @Test
  void greedyVariableMustEndThePath() {
    assertThatThrownBy(() -> routes(new Route("GET", "/{proxy+}/edit", "A", false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end the path");
  }

  @Test
  void readsEveryHttpApiEventOfTheTemplateInItsOrder() {
    CloudFormationTemplate template = TestTemplates.load("api-template.yaml");

    assertThat(HttpApiRoutes.fromTemplate(template).routes())
        .extracting(Route::routeKey)
        .containsExactly(
            "GET /posts/{slug}",
            "ANY /files/{proxy+}",
            "GET /about.html",
            "GET /private",
            "POST /later");
    assertThat(HttpApiRoutes.fromTemplate(template).routes())
        .filteredOn(Route::iamAuthorized)
        .extracting(Route::routeKey)
        .containsExactly("GET /private");
  }
}
