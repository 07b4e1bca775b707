package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.testkit.EmfLines;
import dev.contentfunctions.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class HttpEndpointTest {
  private static final String GET = "{\"rawPath\":\"/posts/a\",\"requestContext\":{\"requestId\":\"api-1\",\"http\":{\"method\":\"GET\"}}}";

  private final java.util.List<String> logged = new java.util.ArrayList<>();
  private final Log log = Log.to(logged::add, Log.Level.INFO, Clock.systemUTC());

  @Test
  void answersWhatTheRoutesAnswerAndLogsOneLine() throws Exception {
    HttpApiResponse response = endpoint((request, log) -> Responses.json(200, "{\"path\":\"" + request.path() + "\"}")).respond(event(GET), "lambda-1");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"path\":\"/posts/a\"}");
    assertThat(logLines()).singleElement().asString()
        .contains("\"message\":\"request.done\"", "\"requestId\":\"api-1\"", "\"status\":200");
  }

  @Test
  void aMalformedEventIsA400Problem() throws Exception {
    HttpApiResponse response = endpoint((request, log) -> Responses.json(200, "{}")).respond(event("{\"rawPath\":7}"), "lambda-1");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.body()).contains("\"requestId\":\"lambda-1\"");
  }

  @Test
  void aTypedErrorIsItsProblemWithItsHeaders() throws Exception {
    HttpApiResponse response =
        endpoint((request, log) -> { throw new ApiException.MethodNotAllowed("PUT", "GET, HEAD"); }).respond(event(GET), "l");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
  }

  @Test
  void aDependencyDownOrThrottlingIsA503WithRetryAfterInTheFunctionsWords() throws Exception {
    for (RuntimeException down :
        new RuntimeException[] {
          SdkClientException.create("connect timed out to 10.0.0.1"),
          DynamoDbException.builder().statusCode(400)
              .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build()).build()
        }) {
      HttpApiResponse response = endpoint((request, log) -> { throw down; }).respond(event(GET), "l");

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.header("Retry-After")).isEqualTo(String.valueOf(HttpEndpoint.RETRY_AFTER_SECONDS));
      assertThat(response.body()).contains("The blog is briefly unavailable.");
    }
  }

  @Test
  void anythingElseIsA500WhoseLogLineHasTheTypeButNotTheMessage() throws Exception {
    HttpApiResponse response =
        endpoint((request, log) -> { throw new IllegalStateException("alex@example.com wrote this"); }).respond(event(GET), "l");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).doesNotContain("alex@example.com").contains("\"requestId\":\"api-1\"");
    assertThat(logLines()).singleElement().asString()
        .contains("\"level\":\"ERROR\"", "\"error\":\"IllegalStateException\"")
        .doesNotContain("alex@example.com");
  }

  /** A mistyped URL can hold what a visitor typed (an e-mail address): a function can log its route instead. */
  @Test
  void logsThePathAsTheFunctionSaysItMayBeLogged() throws Exception {
    String mistyped = "{\"rawPath\":\"/coach/erasures/alex@example.com\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}";
    HttpEndpoint endpoint =
        new HttpEndpoint((request, log) -> Responses.json(200, "{}"), "Unavailable.", log, path -> path.startsWith("/coach/erasures/") ? "(no route)" : path);

    endpoint.respond(event(mistyped), "l");

    assertThat(logLines()).singleElement().asString().contains("\"path\":\"(no route)\"").doesNotContain("alex@example.com");
  }

  @Test
  void writesTheResponseAsLambdaExpectsIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Responses.json(201, "{\"id\":\"x\"}").write(out);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("{\"statusCode\":201,\"headers\":{")
        .contains("\"Cache-Control\":\"no-store\"")
        .endsWith("\"body\":\"{\\\"id\\\":\\\"x\\\"}\",\"isBase64Encoded\":false}");
  }

  private final java.util.List<String> emitted = new java.util.ArrayList<>();
  private final Metrics metrics = Metrics.to(emitted::add, "ContentFunctions", "PostsApi", Clock.systemUTC());
  private static final String ROUTED =
      "{\"routeKey\":\"ANY /posts/{slug}\",\"rawPath\":\"/posts/a-post\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}";

  @Test
  void eachRequestIsOneEmfLineOfAnswersByRouteAndStatusClassAndLatencyByRoute() throws Exception {
    HttpEndpoint endpoint = new HttpEndpoint((request, log) -> Responses.json(200, "{}"), "Unavailable.", log, metrics);

    endpoint.respond(event(ROUTED), "l");
    endpoint.respond(event(ROUTED), "l");

    assertThat(emitted).hasSize(2);
    assertThat(EmfLines.labels(emitted))
        .filteredOn(label -> !label.startsWith("Latency"))
        .containsExactly(
            "ColdStart=1.0", "Answers{Route=ANY /posts/{slug},StatusClass=2xx}=1.0",
            "Answers{Route=ANY /posts/{slug},StatusClass=2xx}=1.0");
    assertThat(EmfLines.metrics(emitted))
        .filteredOn(datum -> datum.name().equals("Latency"))
        .hasSize(2)
        .allSatisfy(datum -> {
          assertThat(datum.unit()).isEqualTo("Milliseconds");
          assertThat(datum.dimensions()).containsExactly(
              java.util.Map.entry("Function", "PostsApi"), java.util.Map.entry("Route", "ANY /posts/{slug}"));
          assertThat(datum.sum()).isBetween(0.0, 10_000.0);
        });
    assertThat(String.join("\n", emitted)).doesNotContain("/posts/a-post");
  }

  @Test
  void theStatusClassIsTheProblemsAndTheRoutesOwnFiguresShareTheLine() throws Exception {
    new HttpEndpoint(
            (request, log) -> {
              request.metrics().count(Metric.BOOKINGS_REFUSED, "validation");
              throw new ApiException.BadRequest("no");
            },
            "Unavailable.", log, metrics)
        .respond(event(ROUTED), "l");
    new HttpEndpoint((request, log) -> { throw SdkClientException.create("down"); }, "Unavailable.", log, metrics)
        .respond(event(ROUTED), "l");
    new HttpEndpoint((request, log) -> Responses.redirect(301, "/posts/b", "public"), "Unavailable.", log, metrics)
        .respond(event(ROUTED), "l");

    assertThat(emitted).hasSize(3);
    assertThat(EmfLines.labels(java.util.List.of(emitted.get(0))))
        .contains("BookingsRefused{Reason=validation}=1.0", "Answers{Route=ANY /posts/{slug},StatusClass=4xx}=1.0");
    assertThat(EmfLines.labels(java.util.List.of(emitted.get(1)))).contains("Answers{Route=ANY /posts/{slug},StatusClass=5xx}=1.0");
    assertThat(EmfLines.labels(java.util.List.of(emitted.get(2)))).contains("Answers{Route=ANY /posts/{slug},StatusClass=3xx}=1.0");
  }

  @Test
  void aMalformedEventOrOneWithoutARouteKeyIsCountedUnderNoRoute() throws Exception {
    HttpEndpoint endpoint = new HttpEndpoint((request, log) -> Responses.json(200, "{}"), "Unavailable.", log, metrics);

    endpoint.respond(event("{\"rawPath\":7}"), "l");
    endpoint.respond(event(GET), "l");

    assertThat(EmfLines.labels(emitted))
        .contains("Answers{Route=none,StatusClass=4xx}=1.0", "Answers{Route=none,StatusClass=2xx}=1.0");
  }

  @Test
  void statusClassesAreTheHundreds() {
    assertThat(HttpEndpoint.statusClass(200)).isEqualTo("2xx");
    assertThat(HttpEndpoint.statusClass(304)).isEqualTo("3xx");
    assertThat(HttpEndpoint.statusClass(429)).isEqualTo("4xx");
    assertThat(HttpEndpoint.statusClass(503)).isEqualTo("5xx");
  }

  private HttpEndpoint endpoint(HttpEndpoint.Routes routes) {
    return new HttpEndpoint(routes, "The blog is briefly unavailable.", log);
  }

  private java.util.List<String> logLines() {
    return logged;
  }

  private static ByteArrayInputStream event(String json) {
    return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
  }
}
