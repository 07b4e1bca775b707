package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.kit.events.BatchResponse;
import dev.contentfunctions.kit.events.HttpApiEvent;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.S3Change;
import dev.contentfunctions.kit.events.StreamChange;
import dev.contentfunctions.kit.log.Log;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stream handler of stream-handlers-template.yaml, as a converted function is written: reads
 * the event with the kit's decoder of the kind its function's name says, logs one line to standard
 * output and answers. Keeps the last event's JSON for the test.
 */
public final class StreamEchoHandler implements RequestStreamHandler {
  static final AtomicReference<String> LAST_EVENT = new AtomicReference<>();
  static final AtomicReference<RecordBatch<S3Change>> LAST_S3 = new AtomicReference<>();

  private final Log log = Log.standardOutput();

  @Override
  public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
    byte[] event = in.readAllBytes();
    LAST_EVENT.set(new String(event, StandardCharsets.UTF_8));
    Log log = this.log.forRequest(context.getAwsRequestId());
    switch (context.getFunctionName()) {
      case "HttpFunction" -> {
        HttpApiEvent request = HttpApiEvent.read(new ByteArrayInputStream(event));
        log.info("echo.http", "path", request.rawPath(), "reason", "with spaces in it");
        if (request.rawPath().equals("/not-json")) {
          out.write("{\"statusCode\":".getBytes(StandardCharsets.UTF_8));
          return;
        }
        new HttpApiResponse(
                201,
                Map.of("content-type", "text/plain"),
                request.method() + " " + request.rawPath() + "?" + request.rawQueryString(),
                false)
            .write(out);
      }
      case "S3Function" -> {
        LAST_S3.set(S3Change.read(new ByteArrayInputStream(event)));
        log.warn("echo.s3");
      }
      case "StreamFunction" -> {
        RecordBatch<StreamChange> batch = StreamChange.read(new ByteArrayInputStream(event));
        // Fails the last record, so the test sees the partial batch response read back.
        RecordBatch.Entry<StreamChange> last = batch.entries().get(batch.entries().size() - 1);
        String failed = ((RecordBatch.Readable<StreamChange>) last).record().sequenceNumber();
        log.info("echo.stream", "records", batch.entries().size());
        new BatchResponse(List.of(failed)).write(out);
      }
      default -> throw new IllegalStateException("no such function in the test template");
    }
  }
}
