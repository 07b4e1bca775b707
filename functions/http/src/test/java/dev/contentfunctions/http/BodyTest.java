package dev.contentfunctions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class BodyTest {
  private static final byte[] INVALID_UTF8 = {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, '"', '}'};

  @Test
  void readsAJsonObject() {
    assertThat(Body.jsonObject(utf8("{\"name\":\"Alex\",\"times\":[\"a\"]}"), 1024))
        .containsEntry("name", "Alex")
        .containsEntry("times", List.of("a"));
  }

  @Test
  void refusesJsonThatIsNotValidUtf8NamingTheEncoding() {
    assertThatThrownBy(() -> Body.jsonObject(INVALID_UTF8, 1024))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void refusesRepeatedMembersDeepNestingAndNonObjects() {
    for (String json : new String[] {"{\"a\":1,\"a\":2}", "{\"a\":" + "[".repeat(20) + "]".repeat(20) + "}", "[1]", "", "{} {}"}) {
      assertThatThrownBy(() -> Body.jsonObject(utf8(json), 1024)).as(json).isInstanceOf(ApiException.BadRequest.class);
    }
  }

  @Test
  void readsFormFieldsRepeatedOnesAsLists() {
    assertThat(Body.form(utf8("name=Alex+Example&t=a&t=b&consent=on")))
        .containsEntry("name", "Alex Example")
        .containsEntry("t", List.of("a", "b"))
        .containsEntry("consent", "on");
  }

  @Test
  void refusesFormsWithEscapedOrRawInvalidUtf8() {
    assertThatThrownBy(() -> Body.form(utf8("name=%C3"))).isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("UTF-8");
    assertThatThrownBy(() -> Body.form(new byte[] {'n', '=', (byte) 0xFF})).isInstanceOf(ApiException.BadRequest.class);
  }

  /**
   * API Gateway passes a text body (JSON) already decoded, with U+FFFD where its bytes were not
   * UTF-8: such a body is refused as the bytes would be, never read with U+FFFD in it. A lone
   * surrogate is text no UTF-8 can encode. Escaped in JSON, U+FFFD is the sender's own character.
   */
  @Test
  void refusesATextBodyWithReplacementCharactersOrLoneSurrogates() {
    for (String text : new String[] {"{\"email\":\"zo\uFFFD@example.org\"}", "{\"a\":\"\uD800x\"}", "{\"a\":\"x\uDC00\"}", "\uD83D"}) {
      assertThatThrownBy(() -> Body.bytes(text, false, 1024)).as(text).isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("UTF-8");
    }
    assertThat(Body.jsonObject(Body.bytes("{\"a\":\"\\uFFFD \uD83D\uDE42\"}", false, 1024), 1024)).containsEntry("a", "\uFFFD \uD83D\uDE42");
  }

  @Test
  void limitsTheBodyBeforeAndAfterDecodingBase64() {
    String base64 = Base64.getEncoder().encodeToString(new byte[2048]);

    assertThatThrownBy(() -> Body.bytes(base64, true, 1024)).isInstanceOf(ApiException.PayloadTooLarge.class);
    assertThatThrownBy(() -> Body.bytes("x".repeat(2048), false, 1024)).isInstanceOf(ApiException.PayloadTooLarge.class);
    assertThatThrownBy(() -> Body.bytes("not base64!", true, 1024)).isInstanceOf(ApiException.BadRequest.class);
    assertThat(Body.bytes(Base64.getEncoder().encodeToString(utf8("a=1")), true, 1024)).isEqualTo(utf8("a=1"));
    assertThat(Body.bytes(null, false, 1024)).isEmpty();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

}
