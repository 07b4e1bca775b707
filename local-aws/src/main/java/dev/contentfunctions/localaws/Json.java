package dev.contentfunctions.localaws;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The tests' Jackson mapper, for reading responses and building events as trees. The functions
 * themselves use jackson-core only (dev.contentfunctions.kit.json.JsonWriter: cold start).
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}
}
