package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handler of stream-template.yaml: keeps the key ("pk") of every record delivered to it. */
public final class StreamRecorder implements RequestHandler<DynamodbEvent, Void> {
  static final List<String> KEYS = new CopyOnWriteArrayList<>();

  @Override
  public Void handleRequest(DynamodbEvent event, Context context) {
    event.getRecords().forEach(record -> KEYS.add(record.getDynamodb().getKeys().get("pk").getS()));
    return null;
  }
}
