package dev.contentfunctions.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.contentfunctions.testkit.FaultyLink.Mode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link between a JDK HTTP client (the SDK's own) and a small HTTP server that records requests.
 */
class FaultyLinkTest {
  private final List<String> applied = new CopyOnWriteArrayList<>();
  private HttpServer upstream;
  private FaultyLink link;

  @BeforeEach
  void start() throws IOException {
    upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    upstream.createContext(
        "/",
        exchange -> {
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          applied.add(body);
          byte[] answer = ("applied " + body).getBytes(UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    upstream.start();
    link = FaultyLink.to(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    link.close();
    upstream.stop(0);
  }

  private String post(String body) throws IOException {
    return post(body, false);
  }

  private String post(String body, boolean expectContinue) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) link.endpoint().toURL().openConnection();
    connection.setConnectTimeout(1_000);
    connection.setReadTimeout(1_000);
    connection.setDoOutput(true);
    byte[] bytes = body.getBytes(UTF_8);
    // Streamed: the JDK then never quietly sends a failed POST again, so each call is one request.
    connection.setFixedLengthStreamingMode(bytes.length);
    if (expectContinue) {
      connection.setRequestProperty("Expect", "100-continue");
    }
    try (OutputStream out = connection.getOutputStream()) {
      out.write(bytes);
    }
    try (InputStream in = connection.getInputStream()) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void passesRequestsAndAnswersThroughUnchanged() throws IOException {
    assertThat(post("one")).isEqualTo("applied one");
    assertThat(post("two")).isEqualTo("applied two");

    assertThat(applied).containsExactly("one", "two");
    assertThat(link.requests()).isEqualTo(2);
  }

  @Test
  void downResetsOpenAndNewConnectionsAndComesBackWhenSwitchedBack() throws IOException {
    post("before"); // leaves a kept-alive connection in the JDK's pool

    link.switchTo(Mode.DOWN);

    assertThatThrownBy(() -> post("pooled connection")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> post("new connection")).isInstanceOf(IOException.class);
    link.switchTo(Mode.PASS_THROUGH);
    assertThat(post("after")).isEqualTo("applied after");
    assertThat(applied).containsExactly("before", "after");
  }

  @Test
  void blackHoleAcceptsAndNeverAnswersSoOnlyTheCallersTimeoutEndsTheWait() {
    link.switchTo(Mode.BLACK_HOLE);

    assertThatThrownBy(() -> post("into the void")).isInstanceOf(SocketTimeoutException.class);
    assertThat(applied).isEmpty();
  }

  @Test
  void lostAnswerMeansTheRequestWasAppliedButTheCallerNeverLearnsIt() {
    link.switchTo(Mode.LOSE_ANSWERS);

    assertThatThrownBy(() -> post("write")).isInstanceOf(IOException.class);
    assertThat(applied).containsExactly("write");
  }

  @Test
  void switchesAsThePlannedRequestBeginsOnAKeptAliveConnection() throws IOException {
    link.switchAfter(2, Mode.DOWN);

    post("first");
    post("second");
    assertThatThrownBy(() -> post("third")).isInstanceOf(IOException.class);

    assertThat(applied).containsExactly("first", "second");
    assertThat(link.requests()).isEqualTo(3);
  }

  @Test
  void interimContinueIsNotTheAnswer() throws IOException {
    // The client sends the body only after "100 Continue": still one request, and the answer that
    // is lost is the final one, after the server applied the request.
    assertThat(post("headers first", true)).isEqualTo("applied headers first");
    link.switchTo(Mode.LOSE_ANSWERS);
    assertThatThrownBy(() -> post("then lost", true)).isInstanceOf(IOException.class);

    assertThat(applied).containsExactly("headers first", "then lost");
    assertThat(link.requests()).isEqualTo(2);
  }
}
