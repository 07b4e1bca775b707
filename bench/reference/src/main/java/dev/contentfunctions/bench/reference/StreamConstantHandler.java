package dev.contentfunctions.bench.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The runtime's own floor for a stream handler: the event's bytes read, constant bytes written. */
public final class StreamConstantHandler implements RequestStreamHandler {
  private static final byte[] OK = "{\"statusCode\":200,\"body\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    event.readAllBytes();
    out.write(OK);
  }
}
