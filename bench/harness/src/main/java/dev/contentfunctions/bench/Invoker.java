package dev.contentfunctions.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.StreamInvocation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A function's handler built and invoked in-process as the runtime would: its public no-arg
 * constructor, then event JSON in, response JSON out, whichever kind of handler it is. A
 * {@link RequestStreamHandler} gets the bytes (through local-aws's {@link StreamInvocation}); a
 * typed {@link RequestHandler} gets the event mapped by Lambda's own serializer to its input type,
 * and its result is written back with the serializer of its type, as the runtime interface client
 * does. So the same measurement runs on the functions before and after issue 11, and times the
 * event's decoding in both.
 */
final class Invoker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

  private final Object handler;
  private final Call call;

  private interface Call {
    byte[] invoke(byte[] event, Context context);
  }

  private Invoker(Object handler, Call call) {
    this.handler = handler;
    this.call = call;
  }

  /** Builds the handler, as Lambda does at init. */
  static Invoker of(String handlerClass) throws ReflectiveOperationException {
    Object handler = Class.forName(handlerClass).getConstructor().newInstance();
    if (handler instanceof RequestStreamHandler stream) {
      return new Invoker(handler, (event, context) -> StreamInvocation.invoke(stream, event, context));
    }
    if (handler instanceof RequestHandler<?, ?> typed) {
      return new Invoker(handler, typed(typed));
    }
    throw new IllegalArgumentException(handlerClass + " is neither a RequestHandler nor a RequestStreamHandler");
  }

  /** The handler instance (for its SnapStart hook). */
  Object handler() {
    return handler;
  }

  byte[] invoke(byte[] event, Context context) {
    return call.invoke(event, context);
  }

  byte[] invoke(String event, Context context) {
    return invoke(event.getBytes(StandardCharsets.UTF_8), context);
  }

  /** An HTTP response's statusCode; 200 for an answer without one (S3 and stream functions). */
  static int status(byte[] response) {
    try {
      JsonNode status = JSON.readTree(response).path("statusCode");
      return status.isMissingNode() ? 200 : status.asInt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Call typed(RequestHandler handler) {
    ClassLoader loader = handler.getClass().getClassLoader();
    PojoSerializer input = LambdaEventSerializers.serializerFor(inputType(handler.getClass()), loader);
    // By the result's class, and once per class: Void has no serializer, and building one per call
    // would be timed with the handler.
    Map<Class<?>, PojoSerializer> outputs = new ConcurrentHashMap<>();
    return (event, context) -> {
      Object result = handler.handleRequest(input.fromJson(new ByteArrayInputStream(event)), context);
      if (result == null) {
        return NULL;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      outputs
          .computeIfAbsent(result.getClass(), type -> LambdaEventSerializers.serializerFor(type, loader))
          .toJson(result, out);
      return out.toByteArray();
    };
  }

  /** I of the class's {@code RequestHandler<I, O>}, found as the runtime finds it. */
  private static Class<?> inputType(Class<?> handlerClass) {
    for (Class<?> type = handlerClass; type != null; type = type.getSuperclass()) {
      for (Type implemented : type.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class) {
          Type input = parameterized.getActualTypeArguments()[0];
          return input instanceof ParameterizedType generic ? (Class<?>) generic.getRawType() : (Class<?>) input;
        }
      }
    }
    throw new IllegalArgumentException(handlerClass.getName() + " does not name its RequestHandler's types");
  }
}
