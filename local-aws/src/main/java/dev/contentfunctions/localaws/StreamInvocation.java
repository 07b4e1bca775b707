package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Invokes a function's {@link RequestStreamHandler} as Lambda does: with the event's JSON, and the
 * answer read back from the JSON the handler wrote. Events built with aws-lambda-java-events (by a
 * test, or by the local run from what it saw happen) are turned into JSON by Lambda's own
 * serializer, so the handler reads exactly what it would read in Lambda.
 */
public final class StreamInvocation {
  private StreamInvocation() {}

  /** The raw invocation: event bytes in, response bytes out. */
  public static byte[] invoke(RequestStreamHandler handler, byte[] event, Context context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(event), out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static APIGatewayV2HTTPResponse http(RequestStreamHandler handler, APIGatewayV2HTTPEvent event, Context context) {
    return fromJson(invoke(handler, toJson(event), context), APIGatewayV2HTTPResponse.class);
  }

  /** An HTTP function invoked with an event's JSON as written (a sample of events/, a malformed one). */
  public static APIGatewayV2HTTPResponse http(RequestStreamHandler handler, String eventJson, Context context) {
    return fromJson(invoke(handler, eventJson.getBytes(StandardCharsets.UTF_8), context), APIGatewayV2HTTPResponse.class);
  }

  public static void s3(RequestStreamHandler handler, S3Event event, Context context) {
    invoke(handler, s3Json(event), context);
  }

  /**
   * An S3 event's JSON as S3 sends it. Not through Lambda's serializer: its S3 serializer loads the
   * AWS SDK v1 event classes, which aws-lambda-java-events 3 no longer uses.
   */
  public static byte[] s3Json(S3Event event) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode records = root.putArray("Records");
    for (S3EventNotificationRecord record : event.getRecords()) {
      ObjectNode r = records.addObject();
      r.put("eventVersion", record.getEventVersion());
      r.put("eventSource", record.getEventSource());
      r.put("awsRegion", record.getAwsRegion());
      r.put("eventTime", record.getEventTime() == null ? null : record.getEventTime().toString());
      r.put("eventName", record.getEventName());
      ObjectNode s3 = r.putObject("s3");
      s3.put("s3SchemaVersion", record.getS3().getS3SchemaVersion());
      s3.put("configurationId", record.getS3().getConfigurationId());
      ObjectNode bucket = s3.putObject("bucket");
      bucket.put("name", record.getS3().getBucket().getName());
      bucket.put("arn", record.getS3().getBucket().getArn());
      S3EventNotification.S3ObjectEntity object = record.getS3().getObject();
      ObjectNode o = s3.putObject("object");
      o.put("key", object.getKey());
      o.put("size", object.getSizeAsLong());
      o.put("eTag", object.geteTag());
      o.put("versionId", object.getVersionId());
      o.put("sequencer", object.getSequencer());
    }
    try {
      return Json.MAPPER.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static StreamsEventResponse stream(RequestStreamHandler handler, DynamodbEvent event, Context context) {
    return fromJson(invoke(handler, toJson(event), context), StreamsEventResponse.class);
  }

  /** A stream function invoked with an event's JSON as written (a sample of events/, a malformed one). */
  public static StreamsEventResponse stream(RequestStreamHandler handler, byte[] eventJson, Context context) {
    return fromJson(invoke(handler, eventJson, context), StreamsEventResponse.class);
  }

  /** An event as Lambda serialises it. */
  @SuppressWarnings("unchecked")
  public static <T> byte[] toJson(T event) {
    PojoSerializer<T> serializer =
        LambdaEventSerializers.serializerFor((Class<T>) event.getClass(), StreamInvocation.class.getClassLoader());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(event, out);
    return out.toByteArray();
  }

  public static <T> T fromJson(byte[] json, Class<T> type) {
    return LambdaEventSerializers.serializerFor(type, StreamInvocation.class.getClassLoader())
        .fromJson(new ByteArrayInputStream(json));
  }
}
