package dev.contentfunctions.localaws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A Lambda context for invoking a handler outside Lambda (tests, the local run). Its logger keeps
 * every line, so tests can read what a handler logged, and echoes them when asked to.
 */
public final class LocalContext implements Context {
  private final String functionName;
  private final String requestId = UUID.randomUUID().toString();
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> metricLines = Collections.synchronizedList(new ArrayList<>());
  private final boolean echo;

  /** A context for one invocation of {@code functionName}; {@code echo} also prints each log line. */
  public LocalContext(String functionName, boolean echo) {
    this.functionName = functionName;
    this.echo = echo;
  }

  /** A quiet context, for tests. */
  public LocalContext(String functionName) {
    this(functionName, false);
  }

  private void keep(String line) {
    lines.add(line);
    if (echo) {
      System.out.println(line);
    }
  }

  private final LambdaLogger logger =
      new LambdaLogger() {
        @Override
        public void log(String message) {
          keep(message);
        }

        @Override
        public void log(byte[] message) {
          keep(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String message, LogLevel level) {
          keep(message);
        }
      };

  /**
   * A function's log whose lines this context keeps with the rest, as Lambda's log stream would:
   * what a test hands the handler it builds, to read what it logged.
   */
  public Log log() {
    return Log.to(this::keep, Log.Level.DEBUG, Clock.systemUTC());
  }

  /**
   * A function's metrics (its Function dimension {@code function}) whose EMF lines this context
   * keeps apart from the log lines ({@link #metricLines}), echoed like them when asked to.
   */
  public Metrics metrics(String function) {
    return Metrics.to(
        line -> {
          metricLines.add(line);
          if (echo) {
            System.out.println(line);
          }
        },
        Metrics.DEFAULT_NAMESPACE,
        function,
        Clock.systemUTC());
  }

  /** Every EMF line written so far through {@link #metrics}. */
  public List<String> metricLines() {
    return List.copyOf(metricLines);
  }

  /** Every line logged so far. */
  public List<String> logLines() {
    return List.copyOf(lines);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + functionName;
  }

  @Override
  public String getLogStreamName() {
    return "test";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 30_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 1024;
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
