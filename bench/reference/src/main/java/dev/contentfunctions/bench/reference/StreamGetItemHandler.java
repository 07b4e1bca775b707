package dev.contentfunctions.bench.reference;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor of a function as issue 11 builds them: a {@code RequestStreamHandler} whose event is
 * read and response written with jackson-core's streaming API only, the client built at init, one
 * GetItem per invocation.
 */
public final class StreamGetItemHandler implements RequestStreamHandler {
  private static final JsonFactory JSON = new JsonFactory();
  private final SeedPost seedPost = new SeedPost();

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    // Every token decoded, as a decoder of ours would; the floor keeps none of them.
    try (JsonParser parser = JSON.createParser(event)) {
      while (parser.nextToken() != null) {
        parser.getText();
      }
    }
    int status = seedPost.status();
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeNumberField("statusCode", status);
      json.writeEndObject();
    }
  }
}
