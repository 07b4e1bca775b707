package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's URLs as the distribution routes them: the assets from the folder, every other path to
 * the HTTP API, where the {@code $default} route takes what no other route matches (the pages).
 */
class SiteRoutingTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path temp;
  private static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    Path web = Files.createDirectories(temp.resolve("web/assets"));
    Files.writeString(web.resolve("styles.css"), "body {}");
    Files.writeString(temp.resolve("web/index.html"), "an old page that no behaviour serves");
    CloudFormationTemplate template = TestTemplates.load("site-template.yaml");
    PrintStream console = new PrintStream(OutputStream.nullOutputStream(), true);
    HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);
    FunctionPlan plan = FunctionPlan.of(template, routes, Set.of());
    LocalFunction pages = LocalFunction.load(template, plan.hosted().get(0), console);
    server =
        ApiServer.start(
            0,
            template.cdnBehaviours(ApiServer.SITE_DISTRIBUTION),
            routes,
            Map.of("PagesFunction", pages),
            plan.notHosted(),
            temp.resolve("web"),
            console);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void forgetLastEvent() {
    EchoHandler.LAST.set(null);
  }

  private static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void pagesReachTheDefaultRouteWithTheirPathAndQuery() throws Exception {
    for (String page : new String[] {"/", "/blog/", "/blog/a-post", "/book", "/index.html"}) {
      get(page + "?cursor=abc");

      APIGatewayV2HTTPEvent event = EchoHandler.LAST.get();
      assertThat(event).as(page).isNotNull();
      assertThat(event.getRouteKey()).as(page).isEqualTo("$default");
      assertThat(event.getRawPath()).as(page).isEqualTo(page);
      assertThat(event.getRawQueryString()).as(page).isEqualTo("cursor=abc");
      assertThat(event.getPathParameters()).as(page).isNullOrEmpty();
    }
  }

  @Test
  void aNamedRouteWinsOverTheDefaultOne() throws Exception {
    get("/posts?limit=2");

    assertThat(EchoHandler.LAST.get().getRouteKey()).isEqualTo("GET /posts");
  }

  @Test
  void assetsComeFromTheFolderAndAMissingOneIsNoPage() throws Exception {
    HttpResponse<String> css = get("/assets/styles.css");
    HttpResponse<String> missing = get("/assets/old.css");

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).isEqualTo("body {}");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(EchoHandler.LAST.get()).as("the function renders no asset").isNull();
  }
}
