package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over real HTTP: the test template's routes to EchoHandler, and a website folder. */
class ApiServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();

  @TempDir static Path temp;
  private static ApiServer server;

  @BeforeAll
  static void start() throws IOException {
    Path web = Files.createDirectories(temp.resolve("web"));
    Files.createDirectories(web.resolve("assets/js"));
    Files.writeString(web.resolve("assets/styles.css"), "h1 { color: teal }");
    Files.writeString(web.resolve("assets/js/blog.js"), "export {};");
    Files.writeString(web.resolve("assets/index.html"), "no index.html magic");
    Files.write(web.resolve("favicon.ico"), new byte[] {0, 0, 1, 0});
    Files.writeString(web.resolve("about.html"), "a file outside the bucket's behaviours");
    Files.writeString(temp.resolve("secret.txt"), "outside the website");

    CloudFormationTemplate template = TestTemplates.load("api-template.yaml");
    PrintStream console = new PrintStream(CONSOLE, true, StandardCharsets.UTF_8);
    HttpApiRoutes routes = HttpApiRoutes.fromTemplate(template);
    FunctionPlan plan = FunctionPlan.of(template, routes, Set.of());
    LocalFunction echo = LocalFunction.load(template, plan.hosted().get(0), console);
    server =
        ApiServer.start(
            0,
            template.cdnBehaviours(ApiServer.SITE_DISTRIBUTION),
            routes,
            Map.of("EchoFunction", echo),
            plan.notHosted(),
            web,
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

  private static HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  @Test
  void buildsThePayload20EventAsApiGatewayDoes() throws Exception {
    long before = System.currentTimeMillis();

    send(
        request("/posts/caf%C3%A9?tag=a&tag=b&q=two+words&flag")
            .header("X-Multi", "1")
            .header("X-Multi", "2")
            .header("Cookie", "a=1; b=2")
            .header("User-Agent", "api-server-test"));

    APIGatewayV2HTTPEvent event = EchoHandler.LAST.get();
    assertThat(event.getVersion()).isEqualTo("2.0");
    assertThat(event.getRouteKey()).isEqualTo("GET /posts/{slug}");
    assertThat(event.getRawPath()).isEqualTo("/posts/café");
    assertThat(event.getRawQueryString()).isEqualTo("tag=a&tag=b&q=two+words&flag");
    assertThat(event.getQueryStringParameters())
        .isEqualTo(Map.of("tag", "a,b", "q", "two words", "flag", ""));
    assertThat(event.getPathParameters()).isEqualTo(Map.of("slug", "café"));
    assertThat(event.getHeaders())
        .containsEntry("x-multi", "1,2")
        .containsEntry("user-agent", "api-server-test")
        .containsEntry("x-forwarded-proto", "http")
        .containsKey("host")
        .doesNotContainKey("cookie")
        .allSatisfy((name, value) -> assertThat(name).isLowerCase());
    assertThat(event.getCookies()).containsExactly("a=1", "b=2");
    assertThat(event.getBody()).isNull();
    assertThat(event.getIsBase64Encoded()).isFalse();

    APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
    assertThat(context.getRouteKey()).isEqualTo("GET /posts/{slug}");
    assertThat(context.getStage()).isEqualTo("$default");
    assertThat(context.getRequestId()).isNotBlank();
    assertThat(context.getTimeEpoch()).isCloseTo(before, within(5_000L));
    assertThat(context.getTime())
        .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(context.getHttp().getMethod()).isEqualTo("GET");
    assertThat(context.getHttp().getPath()).isEqualTo("/posts/café");
    assertThat(context.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
    assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
    assertThat(context.getHttp().getUserAgent()).isEqualTo("api-server-test");
    assertThat(context.getAuthorizer()).as("no authorizer on this route").isNull();
  }

  @Test
  void iamAuthorisedRouteGetsTheLocalCallerIdentityWithoutASignature() throws Exception {
    send(request("/private"));

    APIGatewayV2HTTPEvent.RequestContext.IAM iam =
        EchoHandler.LAST.get().getRequestContext().getAuthorizer().getIam();
    assertThat(iam.getAccessKey()).isEqualTo("testing");
    assertThat(iam.getAccountId()).isEqualTo("123456789012");
    assertThat(iam.getUserArn()).isEqualTo("arn:aws:iam::123456789012:user/local-run");
    assertThat(iam.getCallerId()).isNotBlank();
  }

  @Test
  void binaryBodyArrivesBase64EncodedWithTheGreedyPath() throws Exception {
    byte[] body = {(byte) 0xCA, (byte) 0xFE, 0, 1};

    send(
        request("/files/uploads/a.bin")
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

    APIGatewayV2HTTPEvent event = EchoHandler.LAST.get();
    assertThat(event.getRouteKey()).isEqualTo("ANY /files/{proxy+}");
    assertThat(event.getPathParameters()).isEqualTo(Map.of("proxy", "uploads/a.bin"));
    assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(Base64.getDecoder().decode(event.getBody())).isEqualTo(body);
  }

  @Test
  void jsonBodyArrivesAsText() throws Exception {
    send(
        request("/files/note")
            .header("Content-Type", "application/json; charset=utf-8")
            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë\"}")));

    APIGatewayV2HTTPEvent event = EchoHandler.LAST.get();
    assertThat(event.getIsBase64Encoded()).isFalse();
    assertThat(event.getBody()).isEqualTo("{\"name\":\"Zoë\"}");
  }

  @Test
  void formBodyArrivesBase64EncodedAsApiGatewaySendsIt() throws Exception {
    send(
        request("/files/form")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("a=1&b=2")));

    APIGatewayV2HTTPEvent event = EchoHandler.LAST.get();
    assertThat(event.getIsBase64Encoded()).isTrue();
    assertThat(new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8))
        .isEqualTo("a=1&b=2");
  }

  @Test
  void writesTheFunctionsResponseBack() throws Exception {
    HttpResponse<byte[]> response = send(request("/posts/hello"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(response.headers().firstValue("x-route")).hasValue("GET /posts/{slug}");
    assertThat(response.headers().allValues("x-multi")).containsExactly("one", "two");
    assertThat(response.headers().allValues("set-cookie"))
        .containsExactlyInAnyOrder("session=abc; Path=/; HttpOnly", "theme=dark");
    assertThat(text(response)).isEqualTo("hello {slug=hello}");
    assertThat(CONSOLE.toString(StandardCharsets.UTF_8))
        .contains("EchoFunction  echo path=/posts/hello");
  }

  @Test
  void decodesABase64Response() throws Exception {
    HttpResponse<byte[]> response = send(request("/files/binary"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(EchoHandler.BINARY);
  }

  @Test
  void failingFunctionGives500ProblemWithoutTheStackTrace() throws Exception {
    HttpResponse<byte[]> response = send(request("/posts/boom"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(500);
    assertThat(problem.path("title").asText()).isEqualTo("Internal Server Error");
    assertThat(problem.path("requestId").asText()).isNotBlank();
    assertThat(text(response)).doesNotContain("secret detail", "EchoHandler");
    assertThat(CONSOLE.toString(StandardCharsets.UTF_8))
        .contains("boom, with a secret detail", "at dev.contentfunctions.local.EchoHandler");
  }

  @Test
  void responseWithoutStatusGives500Problem() throws Exception {
    HttpResponse<byte[]> response = send(request("/posts/no-status"));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
  }

  @Test
  void unknownRouteGives404Problem() throws Exception {
    HttpResponse<byte[]> response = send(request("/nothing/here"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(404);
    assertThat(problem.path("instance").asText()).isEqualTo("/nothing/here");
    assertThat(EchoHandler.LAST.get()).isNull();
  }

  @Test
  void methodTheRouteDoesNotTakeGives404() throws Exception {
    HttpResponse<byte[]> response = send(request("/posts/hello").DELETE());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(EchoHandler.LAST.get()).isNull();
  }

  @Test
  void routeOfAFunctionNotRunLocallyGives503SayingWhy() throws Exception {
    HttpResponse<byte[]> response =
        send(request("/later").POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(response.body()).path("detail").asText())
        .contains("UnwrittenFunction is not run locally", "local/pom.xml");
  }

  @Test
  void servesTheAssetsBehavioursFromTheWebsiteFolder() throws Exception {
    HttpResponse<byte[]> css = send(request("/assets/styles.css"));
    HttpResponse<byte[]> js = send(request("/assets/js/blog.js"));
    HttpResponse<byte[]> icon = send(request("/favicon.ico"));

    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(text(css)).isEqualTo("h1 { color: teal }");
    assertThat(css.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("content-type")).hasValueSatisfying(
        type -> assertThat(type).contains("javascript"));
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.body()).isEqualTo(new byte[] {0, 0, 1, 0});
    assertThat(EchoHandler.LAST.get()).as("no function for a file").isNull();
  }

  @Test
  void aMissingAssetOrAFolderIs404WithoutIndexHtml() throws Exception {
    for (String path : List.of("/assets/missing.css", "/assets/", "/assets/js")) {
      HttpResponse<byte[]> response = send(request(path));

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(text(response)).as(path).doesNotContain("no index.html magic");
    }
    assertThat(EchoHandler.LAST.get()).as("a bucket's 404, not the API's").isNull();
  }

  @Test
  void assetsTakeOnlyReads() throws Exception {
    HttpResponse<byte[]> response =
        send(request("/assets/styles.css").POST(HttpRequest.BodyPublishers.ofString("x")));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(text(response))
        .contains("GET and HEAD");
  }

  @Test
  void aPathOfTheApisBehaviourNeverReadsTheFolder() throws Exception {
    HttpResponse<byte[]> aboutRoute = send(request("/about.html"));

    assertThat(text(aboutRoute)).isEqualTo("hello null");
    assertThat(EchoHandler.LAST.get().getRouteKey()).isEqualTo("GET /about.html");
    HttpResponse<byte[]> notAsset = send(request("/style.css"));
    assertThat(notAsset.statusCode()).isEqualTo(404);
    assertThat(notAsset.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(notAsset.body()).path("detail").asText())
        .contains("No route of template.yaml matches GET /style.css");
  }

  @Test
  void neverServesFilesOutsideTheWebsiteFolder() throws Exception {
    for (String path :
        List.of(
            "/assets/../../secret.txt",
            "/assets/%2E%2E/%2E%2E/secret.txt",
            "/assets/a/%2e%2e/%2e%2e/%2e%2e/secret.txt")) {
      HttpResponse<byte[]> response = send(request(path));
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(text(response)).as(path).doesNotContain("outside the website");
    }
  }
}
