package dev.contentfunctions.kit.log;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.contentfunctions.kit.json.JsonWriter;

/**
 * One structured JSON line per event worth knowing, with the request id. Callers pass only
 * identifiers (keys, slugs, ids, counts, reasons): never a name, e-mail, phone number or message.
 */
public final class EventLog {
  private final LambdaLogger logger;
  private final String requestId;

  public EventLog(LambdaLogger logger, String requestId) {
    this.logger = logger;
    this.requestId = requestId;
  }

  public void info(String event, Object... fields) {
    write(LogLevel.INFO, event, fields);
  }

  public void warn(String event, Object... fields) {
    write(LogLevel.WARN, event, fields);
  }

  public void error(String event, Object... fields) {
    write(LogLevel.ERROR, event, fields);
  }

  /** {@code fields} alternate names and values: {@code "key", key, "slug", slug}. */
  private void write(LogLevel level, String event, Object... fields) {
    JsonWriter line =
        JsonWriter.object().field("level", level.name()).field("event", event).field("requestId", requestId);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      line.field(String.valueOf(fields[i]), fields[i + 1]);
    }
    logger.log(line.finish(), level);
  }
}
