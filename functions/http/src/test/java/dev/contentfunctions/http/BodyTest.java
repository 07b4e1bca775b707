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

  @Test
  void refusesATextBodyHoldingWhatTheGatewayLeftOfBytesThatWereNotUtf8() {
    // API Gateway passes a text body already decoded, each invalid sequence replaced by U+FFFD.
    assertThatThrownBy(() -> Body.bytes("{\"name\":\"Al\uFFFDx\"}", false, 1024))
        .isInstanceOf(ApiException.BadRequest.class)
        .hasMessage(Body.NOT_UTF8);
  }

  @Test
  void acceptsTheReplacementCharacterItselfWhenItArrivesAsRealUtf8() {
    byte[] bytes = utf8("name=\uFFFD");

    assertThat(Body.form(Body.bytes(Base64.getEncoder().encodeToString(bytes), true, 1024))).containsEntry("name", "\uFFFD");
  }

  @Test
  void refusesLoneSurrogatesInATextBodyRatherThanStoringQuestionMarks() {
    for (String body : new String[] {"a\ud800", "a\ud800b", "\udc00", "\udc00\ud800"}) {
      assertThatThrownBy(() -> Body.bytes(body, false, 1024)).as(body).isInstanceOf(ApiException.BadRequest.class).hasMessage(Body.NOT_UTF8);
    }
    assertThat(Body.utf8(Body.bytes("\ud83d\ude00", false, 1024))).isEqualTo("\ud83d\ude00");
  }

  @Test
  void refusesPercentEncodedBytesThatAreNotUtf8AndEscapesThatAreNotAsciiHex() {
    for (String form : new String[] {"name=%C3", "name=%FF%FE", "name=%ED%A0%80", "name=%C0%80", "name=%zz", "name=%4", "name=%\u0663\u0663"}) {
      assertThatThrownBy(() -> Body.form(utf8(form))).as(form).isInstanceOf(ApiException.BadRequest.class).hasMessageContaining("form data");
    }
    assertThat(Body.form(utf8("name=caf%C3%A9+au+lait&a%2Bb=%2B"))).containsEntry("name", "café au lait").containsEntry("a+b", "+");
  }

  @Test
  void limitsATextBodyByItsUtf8Bytes() {
    assertThat(Body.bytes("\u00e9".repeat(512), false, 1024)).hasSize(1024);
    assertThatThrownBy(() -> Body.bytes("\u00e9".repeat(513), false, 1024)).isInstanceOf(ApiException.PayloadTooLarge.class);
    assertThatThrownBy(() -> Body.bytes("x".repeat(16 * 1024 * 4 + 1), false, 16 * 1024)).isInstanceOf(ApiException.PayloadTooLarge.class);
  }

  @Test
  void refusesJsonNestedDeeperThanAFormNeedsAndReadsWhatIsShallow() {
    assertThat(Body.jsonObject(utf8("{\"a\":[[[[[[1]]]]]]}"), 1024)).containsKey("a");
    assertThatThrownBy(() -> Body.jsonObject(utf8("{\"a\":[[[[[[[[1]]]]]]]]}"), 1024)).isInstanceOf(ApiException.BadRequest.class);
    assertThatThrownBy(() -> Body.jsonObject(utf8("{\"a\":{\"b\":1,\"b\":1}}"), 1024)).isInstanceOf(ApiException.BadRequest.class);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

}
