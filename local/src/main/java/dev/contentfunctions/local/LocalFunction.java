package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.StreamInvocation;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;

/**
 * One function of the template, as Lambda runs it: its handler class instantiated once through the
 * public no-arg constructor (which reads the environment), then invoked one event at a time.
 *
 * <p>A {@link RequestStreamHandler} is invoked as Lambda invokes it: with the event's JSON (the
 * event the trigger built, serialised by Lambda's own serializer, {@link StreamInvocation}), and
 * the answer read from the JSON it writes. Which event it gets is decided by the trigger the
 * template gives it (an HTTP API route, an S3 event, a stream), not by the handler's type.
*/
final class LocalFunction {
  private static final int DEFAULT_TIMEOUT_SECONDS =
      3; // SAM's, when neither function nor Globals set one
  private static final String HANDLER_METHOD = "handleRequest";

  private final String name;
  private final RequestStreamHandler handler;
  private final Duration timeout;
  private final PrintStream out;

  private LocalFunction(
      String name,
      RequestStreamHandler handler,
      Duration timeout,
      PrintStream out) {
    this.name = name;
    this.handler = handler;
    this.timeout = timeout;
    this.out = out;
  }

  /**
   * Loads and initialises the function's handler, named {@code package.Class::handleRequest} in the
   * template; the lines its context's logger gets go to {@code out} (what it writes to standard
   * output is {@link FunctionOutput}'s).
   */
  static LocalFunction load(
      CloudFormationTemplate template, FunctionDefinition definition, PrintStream out) {
    String name = definition.logicalId();
    String handlerName = definition.handler();
    if (handlerName == null) {
      throw new IllegalStateException(name + " has no Handler in the template");
    }
    String className = handlerClass(definition);
    int separator = handlerName.indexOf("::");
    String method = separator < 0 ? HANDLER_METHOD : handlerName.substring(separator + 2);

    Class<?> type;
    try {
      type = Class.forName(className, false, LocalFunction.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // FunctionPlan keeps such functions out; this is a handler class that vanished since.
      throw new IllegalStateException(
          name + "'s handler " + className + " is not on the classpath", e);
    }
    if (!RequestStreamHandler.class.isAssignableFrom(type) || !method.equals(HANDLER_METHOD)) {
      throw new IllegalStateException(
          name
              + "'s handler "
              + handlerName
              + " is not the handleRequest of a RequestStreamHandler, the kind every function is");
    }
    Object instance;
    // What the constructor writes is the function's, as in Lambda's init phase.
    try (FunctionOutput.Running running = FunctionOutput.running(name)) {
      instance = type.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          name + " failed to initialise: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          name + "'s handler " + className + " needs a public no-arg constructor, as Lambda does",
          e);
    }

    JsonNode properties = template.properties(name);
    JsonNode globals = template.root().path("Globals").path("Function");
    Duration timeout = Duration.ofSeconds(timeoutSeconds(properties, globals));
    return new LocalFunction(name, (RequestStreamHandler) instance, timeout, out);
  }

  String name() {
    return name;
  }

  /** The class of the template's {@code Handler: package.Class::method}; null if there is none. */
  static String handlerClass(FunctionDefinition definition) {
    String handler = definition.handler();
    return handler == null ? null : handler.split("::", 2)[0];
  }

  /**
   * Invokes the handler as Lambda does: one event at a time per instance, with a fresh context.
   * What the function writes to standard output is shown as it comes ({@link FunctionOutput}); the
   * lines of its context's logger when it returns. The timeout is not enforced; an invocation that
   * exceeds it is reported.
   *
   * @param event the event the trigger built (aws-lambda-java-events)
   * @param responseType what the trigger reads the answer as; {@code Void.class} when it ignores
   *     it, as S3's asynchronous invocations do
   * @return the answer, of {@code responseType} (null if it wrote none)
   * @throws InvalidResponseException if the handler wrote something that is not the JSON of a
   *     {@code responseType}
   */
  synchronized Object invoke(Object event, Class<?> responseType) {
    LocalContext context = new LocalContext(name);
    long started = System.nanoTime();
    try (FunctionOutput.Running running = FunctionOutput.running(name)) {
      byte[] response = StreamInvocation.invoke(handler, StreamInvocation.toJson(event), context);
      return responseType == Void.class ? null : read(response, responseType);
    } finally {
      context.logLines().stream()
          .flatMap(String::lines)
          .forEach(line -> out.println(Console.line(name, FunctionLog.readable(line))));
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      if (took.compareTo(timeout) > 0) {
        out.println(
            Console.line(
                name,
                "took "
                    + took.toMillis()
                    + " ms, over its Timeout of "
                    + timeout.toSeconds()
                    + " s: Lambda would have stopped it"));
      }
    }
  }

  private Object read(byte[] response, Class<?> responseType) {
    if (response.length == 0) {
      return null;
    }
    try {
      return StreamInvocation.fromJson(response, responseType);
    } catch (RuntimeException e) {
      throw new InvalidResponseException(
          name
              + " wrote a response that is not the JSON of a "
              + responseType.getSimpleName()
              + ": "
              + e);
    }
  }

  /** A stream handler's answer that the trigger cannot read. */
  static final class InvalidResponseException extends RuntimeException {
    InvalidResponseException(String message) {
      super(message);
    }
  }

  private static int timeoutSeconds(JsonNode properties, JsonNode globals) {
    // A number in the template; an intrinsic function here (a parameter, say) falls back to SAM's
    // default, which only changes when the local run reports a slow invocation.
    JsonNode value =
        properties.has("Timeout") ? properties.get("Timeout") : globals.path("Timeout");
    return value.canConvertToInt() ? value.asInt() : DEFAULT_TIMEOUT_SECONDS;
  }
}
