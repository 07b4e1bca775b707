package dev.contentfunctions.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS calls a handler makes, by operation. Registered for every SDK client of the
 * harness's JVMs through the SDK's global interceptor list (the resource
 * software/amazon/awssdk/global/handlers/execution.interceptors); counts only while enabled, so
 * the measured requests pay one volatile read.
 */
public final class CallCounter implements ExecutionInterceptor {
  private static volatile boolean enabled;
  private static final Map<String, Integer> CALLS = new TreeMap<>();
  private static final List<SdkRequest> REQUESTS = new ArrayList<>();

  /** Starts counting from zero. */
  public static synchronized void start() {
    CALLS.clear();
    REQUESTS.clear();
    enabled = true;
  }

  /** Stops counting; returns e.g. {@code {DynamoDB.GetItem=1, DynamoDB.Query=2}}. */
  public static synchronized Map<String, Integer> stop() {
    enabled = false;
    return new TreeMap<>(CALLS);
  }

  /** The requests made while counting, in order, to replay them bare. */
  public static synchronized List<SdkRequest> requests() {
    return List.copyOf(REQUESTS);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (enabled) {
      String name =
          attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
              + "."
              + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      synchronized (CallCounter.class) {
        CALLS.merge(name, 1, Integer::sum);
        REQUESTS.add(context.request());
      }
    }
  }
}
