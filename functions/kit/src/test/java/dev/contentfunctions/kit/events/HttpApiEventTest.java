package dev.contentfunctions.kit.events;

import static dev.contentfunctions.kit.events.SampleEvents.file;
import static dev.contentfunctions.kit.events.SampleEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpApiEventTest {
  @Test
  void readsTheSamplePostRequest() throws Exception {
    HttpApiEvent event = HttpApiEvent.read(file("api-get-post.json"));

    assertThat(event.method()).isEqualTo("GET");
    assertThat(event.rawPath()).isEqualTo("/posts/how-to-rebuild-emotional-connection-after-a-hard-season");
    assertThat(event.rawQueryString()).isEmpty();
    assertThat(event.headers()).containsEntry("accept-encoding", "gzip, deflate, br");
    assertThat(event.requestId()).isEqualTo("Kx3pWjNrIAMEb3Q=");
    assertThat(event.sourceIp()).isEqualTo("198.51.100.23");
    assertThat(event.pathParameters()).containsEntry("slug", "how-to-rebuild-emotional-connection-after-a-hard-season");
    assertThat(event.body()).isNull();
    assertThat(event.iam()).isNull();
  }

  @Test
  void readsTheSampleFormPostWithItsBase64Body() throws Exception {
    HttpApiEvent event = HttpApiEvent.read(file("consultation-form.json"));

    assertThat(event.method()).isEqualTo("POST");
    assertThat(event.isBase64Encoded()).isTrue();
    assertThat(new String(Base64.getDecoder().decode(event.body()), StandardCharsets.UTF_8))
        .startsWith("name=Alex+Example&email=alex%40example.com");
  }

  @Test
  void readsTheIamCallerOfACoachRoute() throws Exception {
    HttpApiEvent event = HttpApiEvent.read(file("coach-erasure.json"));

    assertThat(event.iam()).isEqualTo(new HttpApiEvent.IamCaller("AKIAIOSFODNN7EXAMPLE", "arn:aws:iam::123456789012:user/coach"));
  }

  @Test
  void giveDefaultsToAnIncompleteEvent() throws Exception {
    HttpApiEvent event = HttpApiEvent.read(json("{}"));

    assertThat(event.method()).isEqualTo("GET");
    assertThat(event.rawPath()).isEqualTo("/");
    assertThat(event.rawQueryString()).isEmpty();
    assertThat(event.headers()).isEmpty();
    assertThat(event.isBase64Encoded()).isFalse();
  }

  @Test
  void lowerCasesHeaderNamesAndJoinsRepeatsAsApiGatewayDoes() throws Exception {
    HttpApiEvent event =
        HttpApiEvent.read(json("{\"headers\":{\"Accept\":\"text/html\",\"accept\":\"*/*\",\"X-Null\":null}}"));

    assertThat(event.headers()).containsExactlyEntriesOf(java.util.Map.of("accept", "text/html,*/*"));
  }

  @Test
  void skipsMembersItDoesNotRead() throws Exception {
    HttpApiEvent event =
        HttpApiEvent.read(
            json("{\"stageVariables\":{\"a\":[1,{\"b\":2}]},\"requestContext\":{\"timeEpoch\":1,\"http\":{\"method\":\"post\"}}}"));

    assertThat(event.method()).isEqualTo("POST");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"GET /\"",
        "{\"rawPath\":",
        "{\"rawPath\":\"/a\"} {}",
        "{\"rawPath\":1}",
        "{\"headers\":[\"accept\"]}",
        "{\"headers\":{\"accept\":1}}",
        "{\"isBase64Encoded\":\"yes\"}",
        "{\"body\":{\"a\":1}}",
        "{\"cookies\":[1]}",
        "{\"requestContext\":{\"http\":\"GET\"}}",
        "{\"requestContext\":{\"authorizer\":{\"iam\":{\"userArn\":7}}}}",
        "{\"rawPath\":\"/a\",\"rawPath\":\"/b\"}"
      })
  void refusesWhatIsNotAnHttpApiEvent(String event) {
    assertThatThrownBy(() -> HttpApiEvent.read(json(event))).isInstanceOf(MalformedEventException.class);
  }

  @Test
  void refusesAnEventDeeperThanAnyOfLambdas() {
    String deep = "{\"stageVariables\":" + "[".repeat(100) + "]".repeat(100) + "}";

    assertThatThrownBy(() -> HttpApiEvent.read(json(deep))).isInstanceOf(MalformedEventException.class);
  }

  @Test
  void refusesAnEventLargerThanLambdaAccepts() {
    byte[] huge = ("{\"body\":\"" + "a".repeat(EventJson.MAX_EVENT_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> HttpApiEvent.read(new ByteArrayInputStream(huge)))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void malformedEventMessagesNameTheFieldNotItsValue() {
    assertThatThrownBy(() -> HttpApiEvent.read(json("{\"headers\":{\"x-secret\":{\"alex@example.com\":1}}}")))
        .hasMessageContaining("headers.x-secret")
        .hasMessageNotContaining("alex@example.com");
  }
}
