package dev.contentfunctions.kit.events;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A partial batch response for a stream event source ({@code ReportBatchItemFailures}): Lambda
 * retries the batch from the first failed record and checkpoints everything before it.
 */
public record BatchResponse(List<String> failedSequenceNumbers) {
  private static final JsonFactory FACTORY = new JsonFactory();

  public BatchResponse {
    failedSequenceNumbers = List.copyOf(failedSequenceNumbers);
  }

  public void write(OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeArrayFieldStart("batchItemFailures");
      for (String sequenceNumber : failedSequenceNumbers) {
        json.writeStartObject();
        json.writeStringField("itemIdentifier", sequenceNumber);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }
}
