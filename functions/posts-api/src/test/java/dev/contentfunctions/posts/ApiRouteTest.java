package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRouteTest {
  @Test
  void literalAndParameterisedPathsMatchTheirRoutes() {
    assertThat(ApiRoute.match("/posts")).get().extracting(ApiRoute.Match::route).isEqualTo(ApiRoute.POSTS);
    assertThat(ApiRoute.match("/posts/")).get().extracting(ApiRoute.Match::route).isEqualTo(ApiRoute.POSTS);
    assertThat(ApiRoute.match("/posts/a-b")).get().satisfies(m -> {
      assertThat(m.route()).isEqualTo(ApiRoute.POST);
      assertThat(m.parameters()).isEqualTo(Map.of("slug", "a-b"));
    });
    assertThat(ApiRoute.match("/posts/a-b/related")).get().extracting(ApiRoute.Match::route).isEqualTo(ApiRoute.RELATED);
    assertThat(ApiRoute.match("/feed.xml")).get().extracting(ApiRoute.Match::route).isEqualTo(ApiRoute.FEED);
  }

  @Test
  void unknownOrEmptySegmentsMatchNothing() {
    assertThat(ApiRoute.match("/posts//related")).isEmpty();
    assertThat(ApiRoute.match("/posts/a/b/c")).isEmpty();
    assertThat(ApiRoute.match("/")).isEmpty();
    assertThat(ApiRoute.match("/tag")).isEmpty();
  }
}
