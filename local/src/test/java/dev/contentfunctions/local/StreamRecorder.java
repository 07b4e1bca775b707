package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.kit.events.BatchResponse;
import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.StreamChange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handler of stream-template.yaml: keeps the key ("pk") of every record delivered to it. */
public final class StreamRecorder implements RequestStreamHandler {
  static final List<String> KEYS = new CopyOnWriteArrayList<>();

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    for (RecordBatch.Entry<StreamChange> entry : StreamChange.read(in).entries()) {
      if (entry instanceof RecordBatch.Readable<StreamChange> readable) {
        KEYS.add(readable.record().keys().get("pk").s());
      }
    }
    new BatchResponse(List.of()).write(out);
  }
}
