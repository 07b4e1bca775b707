package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.localaws.StreamInvocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The handler of api-template.yaml: keeps the last event for the test to inspect (read back from
 * the JSON it is given, as typed fixtures), and answers by path, so each test can ask for the
 * response it checks.
 */
public final class EchoHandler implements RequestStreamHandler {
  static final AtomicReference<APIGatewayV2HTTPEvent> LAST = new AtomicReference<>();
  static final byte[] BINARY = {0, 1, 2, (byte) 0xFF};

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    APIGatewayV2HTTPEvent event = StreamInvocation.fromJson(in.readAllBytes(), APIGatewayV2HTTPEvent.class);
    out.write(StreamInvocation.toJson(respond(event, context)));
  }

  private static APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event, Context context) {
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
