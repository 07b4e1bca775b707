package dev.contentfunctions.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.http.ApiException.FieldError;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesFieldsArraysAndNestedObjectsCompactly() {
    String json =
        JsonWriter.object()
            .field("text", "a \"quoted\"\nline é")
            .field("none", (String) null)
            .field("count", 3)
            .field("flag", true)
            .startArray("items")
            .startObject()
            .field("id", "x")
            .end()
            .end()
            .startObject("link")
            .field("slug", "s")
            .end()
            .finish();

    assertThat(json)
        .isEqualTo(
            "{\"text\":\"a \\\"quoted\\\"\\nline é\",\"none\":null,\"count\":3,\"flag\":true,"
                + "\"items\":[{\"id\":\"x\"}],\"link\":{\"slug\":\"s\"}}");
  }

  @Test
  void writesPlainValuesRecordsAndEnums() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("list", Arrays.asList(1, 2.5, null, false, new BigInteger("123456789012345678901234567890")));
    value.put("nested", Map.of("k", List.of("v")));
    value.put("error", new FieldError("email", "Enter an e-mail address."));
    value.put("kind", Thread.State.NEW);

    assertThat(JsonWriter.write(value))
        .isEqualTo(
            "{\"list\":[1,2.5,null,false,123456789012345678901234567890],\"nested\":{\"k\":[\"v\"]},"
                + "\"error\":{\"field\":\"email\",\"message\":\"Enter an e-mail address.\"},\"kind\":\"NEW\"}");
  }

  @Test
  void prettyObjectIndentsAsJacksonsDefaultPrettyPrinter() {
    assertThat(JsonWriter.prettyObject().field("a", "b").field("c", (Object) null).finish())
        .isEqualTo("{\n  \"a\" : \"b\",\n  \"c\" : null\n}");
  }

  @Test
  void readsBackWhatItWrites() throws IOException {
    String json = "{\"a\":[1,9999999999,1.5,\"x\",true,null,{\"b\":{}}],\"a2\":\"y\"}";

    Object value = JsonReader.read(json);

    assertThat(value)
        .isEqualTo(
            Map.of(
                "a", Arrays.asList(1, 9999999999L, 1.5, "x", true, null, Map.of("b", Map.of())),
                "a2", "y"));
    assertThat(JsonWriter.write(value)).isEqualTo(json);
  }

  @Test
  void refusesBrokenJson() {
    assertThatThrownBy(() -> JsonReader.read("{\"a\":[1,")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> JsonReader.read("{\"a\" 1}")).isInstanceOf(IOException.class);
  }
}
