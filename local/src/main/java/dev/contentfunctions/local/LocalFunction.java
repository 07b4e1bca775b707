package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.LocalContext;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;

/**
 * One function of the template, as Lambda runs it: its handler class instantiated once through the
 * public no-arg constructor (which reads the environment), then invoked one event at a time.
 */
final class LocalFunction {
  private static final int DEFAULT_TIMEOUT_SECONDS =
      3; // SAM's, when neither function nor Globals set one
  private static final String HANDLER_METHOD = "handleRequest";

  private final String name;
  private final RequestHandler<Object, Object> handler;
  private final Class<?> eventType;
  private final Duration timeout;
  private final PrintStream out;

  private LocalFunction(
      String name,
      RequestHandler<Object, Object> handler,
      Class<?> eventType,
      Duration timeout,
      PrintStream out) {
    this.name = name;
    this.handler = handler;
    this.eventType = eventType;
    this.timeout = timeout;
    this.out = out;
  }

  /**
   * Loads and initialises the function's handler, named {@code package.Class::handleRequest} in the
   * template; its log lines go to {@code out}.
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
    if (!RequestHandler.class.isAssignableFrom(type) || !method.equals(HANDLER_METHOD)) {
      throw new IllegalStateException(
          name
              + "'s handler "
              + handlerName
              + " is not a RequestHandler's handleRequest, the only kind the local run invokes");
    }
    Object instance;
    try {
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
    @SuppressWarnings("unchecked") // events are checked against eventType before every invoke
    RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) instance;
    return new LocalFunction(
        name,
        handler,
        eventType(type),
        Duration.ofSeconds(timeoutSeconds(properties, globals)),
        out);
  }

  String name() {
    return name;
  }

  /** The class of the template's {@code Handler: package.Class::method}; null if there is none. */
  static String handlerClass(FunctionDefinition definition) {
    String handler = definition.handler();
    return handler == null ? null : handler.split("::", 2)[0];
  }

  /** Whether the handler takes this event type (its RequestHandler's first type argument). */
  boolean accepts(Class<?> type) {
    return eventType.isAssignableFrom(type);
  }

  /**
   * Throws a message naming the function and the trigger when it does not take the trigger's
   * events.
   */
  void requireAccepts(Class<?> type, String trigger) {
    if (!accepts(type)) {
      throw new IllegalStateException(
          name
              + " has "
              + trigger
              + " events in template.yaml, which deliver "
              + type.getSimpleName()
              + ", but its handler takes "
              + eventType.getName());
    }
  }

  /**
   * Invokes the handler as Lambda does: one event at a time per instance, with a fresh context. The
   * function's log lines are printed when it returns. The timeout is not enforced; an invocation
   * that exceeds it is reported.
   */
  synchronized Object invoke(Object event) {
    if (!accepts(event.getClass())) {
      throw new IllegalArgumentException(name + " does not take " + event.getClass().getName());
    }
    LocalContext context = new LocalContext(name);
    long started = System.nanoTime();
    try {
      return handler.handleRequest(event, context);
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

  private static int timeoutSeconds(JsonNode properties, JsonNode globals) {
    // A number in the template; an intrinsic function here (a parameter, say) falls back to SAM's
    // default, which only changes when the local run reports a slow invocation.
    JsonNode value =
        properties.has("Timeout") ? properties.get("Timeout") : globals.path("Timeout");
    return value.canConvertToInt() ? value.asInt() : DEFAULT_TIMEOUT_SECONDS;
  }

  /** The handler's event type: the first type argument of the RequestHandler it implements. */
  private static Class<?> eventType(Class<?> handlerType) {
    for (Class<?> c = handlerType; c != null; c = c.getSuperclass()) {
      for (Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType parameterized
            && parameterized.getRawType() == RequestHandler.class
            && parameterized.getActualTypeArguments()[0] instanceof Class<?> eventType) {
          return eventType;
        }
      }
    }
    return Object.class;
  }
}
