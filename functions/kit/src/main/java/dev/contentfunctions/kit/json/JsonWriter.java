package dev.contentfunctions.kit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Writes one JSON document with Jackson's streaming generator. The functions use jackson-core only:
 * jackson-databind loads some 350 classes and an ObjectMapper costs 150 ms to build in a fresh JVM,
 * a third of a read's cold start; a {@link JsonFactory} is cheap and built once per container.
 *
 * <pre>{@code JsonWriter.object().field("id", id).startArray("tags").value("a").end().finish()}</pre>
 */
public final class JsonWriter {
  public static final JsonFactory FACTORY = new JsonFactory();

  private final StringWriter out = new StringWriter();
  private final JsonGenerator json;

  private JsonWriter(boolean pretty) {
    try {
      json = FACTORY.createGenerator(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pretty) {
      json.useDefaultPrettyPrinter();
    }
  }

  /** A new document whose top level is an object. */
  public static JsonWriter object() {
    return new JsonWriter(false).startObject();
  }

  /** The same, indented for a person to read. */
  public static JsonWriter prettyObject() {
    return new JsonWriter(true).startObject();
  }

  /** One value as a JSON document. */
  public static String write(Object value) {
    return new JsonWriter(false).value(value).finish();
  }

  public JsonWriter field(String name, String value) {
    return name(name).value(value);
  }

  public JsonWriter field(String name, long value) {
    try {
      json.writeNumberField(name, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public JsonWriter field(String name, boolean value) {
    try {
      json.writeBooleanField(name, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A field of any plain value; see {@link #value(Object)}. */
  public JsonWriter field(String name, Object value) {
    return name(name).value(value);
  }

  public JsonWriter name(String name) {
    try {
      json.writeFieldName(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public JsonWriter startObject() {
    try {
      json.writeStartObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public JsonWriter startObject(String name) {
    return name(name).startObject();
  }

  public JsonWriter startArray(String name) {
    try {
      json.writeArrayFieldStart(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Ends the innermost open object or array. */
  public JsonWriter end() {
    try {
      if (json.getOutputContext().inArray()) {
        json.writeEndArray();
      } else {
        json.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * A plain value: null, text, number, boolean, a map (text keys), a list or other iterable, a record
   * (its components, in order), an enum (its name); anything else as its {@code toString()}.
   */
  public JsonWriter value(Object value) {
    try {
      writeValue(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Closes what is still open and returns the document. */
  public String finish() {
    try {
      json.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void writeValue(Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double number) {
      json.writeNumber(number);
    } else if (value instanceof Float number) {
      json.writeNumber(number);
    } else if (value instanceof BigDecimal number) {
      json.writeNumber(number);
    } else if (value instanceof BigInteger number) {
      json.writeNumber(number);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        writeValue(entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        writeValue(item);
      }
      json.writeEndArray();
    } else if (value instanceof Record record) {
      json.writeStartObject();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        json.writeFieldName(component.getName());
        try {
          writeValue(component.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      json.writeEndObject();
    } else if (value instanceof Enum<?> constant) {
      json.writeString(constant.name());
    } else {
      json.writeString(value.toString());
    }
  }
}
