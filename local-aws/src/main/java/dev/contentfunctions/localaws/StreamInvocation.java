package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
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
    invoke(handler, toJson(event), context);
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
