package dev.contentfunctions.kit.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into plain Java values with Jackson's streaming parser (no jackson-databind: see {@link
 * JsonWriter} for why): objects become {@code LinkedHashMap}s (a repeated key keeps its last value
 * unless the parser refuses duplicates), arrays {@code ArrayList}s, numbers {@code Integer}, {@code
 * Long}, {@code BigInteger} or {@code Double}, and text, booleans and null themselves.
 */
public final class JsonReader {
  private JsonReader() {}

  /** The first value of {@code json}, or null when there is none; what follows it is not read. */
  public static Object read(String json) throws IOException {
    try (JsonParser parser = JsonWriter.FACTORY.createParser(json)) {
      return parser.nextToken() == null ? null : value(parser);
    }
  }

  /** The value starting at the parser's current token; leaves the parser on its last token. */
  public static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new JsonParseException(parser, "No JSON value");
    }
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, value(parser));
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new JsonParseException(parser, "Unexpected " + token);
    };
  }
}
