package dev.contentfunctions.kit.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One structured log line per event worth knowing: a JSON object with Lambda's own keys
 * (timestamp, level, requestId, message) and ours beside them, at the top level, so that
 * CloudWatch Logs Insights can query every field.
 *
 * <p>Written to standard output, not through {@code LambdaLogger}: with the template's
 * {@code LogFormat: JSON} the runtime wraps a {@code LambdaLogger} message in its own object as an
 * escaped string, while standard output reaches CloudWatch as written. Lines under the function's
 * {@code AWS_LAMBDA_LOG_LEVEL} (set by Lambda from the template's {@code ApplicationLogLevel}) are
 * dropped here, as the runtime would drop them.
 *
 * <p>Callers pass identifiers only (keys, slugs, ids, counts, reasons, error codes): never a name,
 * e-mail address, phone number, message or IP address, and never an exception's message, which
 * can echo input.
 */
public final class Log {
  /** The levels Lambda knows, in order. */
  public enum Level {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    FATAL
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Consumer<String> out;
  private final Level threshold;
  private final Clock clock;
  private final String requestId;

  private Log(Consumer<String> out, Level threshold, Clock clock, String requestId) {
    this.out = out;
    this.threshold = threshold;
    this.clock = clock;
    this.requestId = requestId;
  }

  /** The function's log: standard output, at the level Lambda configured (INFO when unset). */
  public static Log standardOutput() {
    // System.out read at each line: the runtime (and the local run) may replace it after init.
    return new Log(line -> System.out.println(line), level(System.getenv("AWS_LAMBDA_LOG_LEVEL")), Clock.systemUTC(), null);
  }

  /** A log handing each line to {@code out} at {@code threshold}: for tests and the local run. */
  public static Log to(Consumer<String> out, Level threshold, Clock clock) {
    return new Log(out, threshold, clock, null);
  }

  /** The same log, its lines tagged with one invocation's request id. */
  public Log forRequest(String id) {
    return new Log(out, threshold, clock, id);
  }

  /** Lambda's level names; an unknown or missing one means INFO, Lambda's default. */
  static Level level(String name) {
    if (name == null || name.isBlank()) {
      return Level.INFO;
    }
    try {
      return Level.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Level.INFO;
    }
  }

  public void debug(String message, Object... fields) {
    write(Level.DEBUG, message, fields);
  }

  public void info(String message, Object... fields) {
    write(Level.INFO, message, fields);
  }

  public void warn(String message, Object... fields) {
    write(Level.WARN, message, fields);
  }

  public void error(String message, Object... fields) {
    write(Level.ERROR, message, fields);
  }

  /**
   * @param message what happened, as a stable dotted name ({@code post.published}) to query by
   * @param fields alternate names and values: {@code "key", key, "slug", slug}; values are written
   *     as JSON numbers, booleans, arrays of text or text
   */
  private void write(Level level, String message, Object... fields) {
    if (level.compareTo(threshold) < 0) {
      return;
    }
    StringWriter line = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      json.writeStringField("timestamp", Instant.now(clock).toString());
      json.writeStringField("level", level.name());
      if (requestId != null) {
        json.writeStringField("requestId", requestId);
      }
      json.writeStringField("message", message);
      for (int i = 0; i + 1 < fields.length; i += 2) {
        json.writeFieldName(String.valueOf(fields[i]));
        value(json, fields[i + 1]);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // One line per call: the runtime turns each line of standard output into one log event.
    out.accept(line.toString());
  }

  private static void value(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Integer || value instanceof Long) {
      json.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number number) {
      json.writeNumber(number.doubleValue());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof Iterable<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        value(json, item);
      }
      json.writeEndArray();
    } else {
      json.writeString(value.toString());
    }
  }
}
