package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handler of api-template.yaml: keeps the last event for the test to inspect, and answers by
 * path, so each test can ask for the response it checks.
 */
public final class EchoHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  static final AtomicReference<APIGatewayV2HTTPEvent> LAST = new AtomicReference<>();
  static final byte[] BINARY = {0, 1, 2, (byte) 0xFF};

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    LAST.set(event);
    context
        .getLogger()
        .log("{\"level\":\"INFO\",\"event\":\"echo\",\"path\":\"" + event.getRawPath() + "\"}");
    return switch (event.getRawPath()) {
      case "/posts/boom" -> throw new IllegalStateException("boom, with a secret detail");
      case "/posts/no-status" -> new APIGatewayV2HTTPResponse();
      case "/files/binary" ->
          APIGatewayV2HTTPResponse.builder()
              .withStatusCode(200)
              .withHeaders(Map.of("content-type", "application/octet-stream"))
              .withBody(java.util.Base64.getEncoder().encodeToString(BINARY))
              .withIsBase64Encoded(true)
              .build();
      default ->
          APIGatewayV2HTTPResponse.builder()
              .withStatusCode(201)
              .withHeaders(
                  Map.of(
                      "content-type", "text/plain; charset=utf-8", "x-route", event.getRouteKey()))
              .withMultiValueHeaders(Map.of("x-multi", List.of("one", "two")))
              .withCookies(List.of("session=abc; Path=/; HttpOnly", "theme=dark"))
              .withBody("hello " + event.getPathParameters())
              .build();
    };
  }
}
