package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Feeds a function the S3 events that moto puts in its queue, as S3 invokes it in AWS: one event
 * per invocation, read by Lambda's own serializer (which copes with moto's event times) and handed
 * to the function as {@link LocalFunction} does, its answer ignored (an asynchronous invocation). A message is deleted once the function
 * succeeds; when it fails, the message stays and is delivered again when its visibility timeout
 * ends, until the function's attempts (1 + EventInvokeConfig.MaximumRetryAttempts) are spent.
 *
 * <p>Events are fed one at a time, in queue order: moto's events carry no sequencer, and the
 * publisher applies such events in the order it processes them.
 */
final class S3EventPoller implements Runnable {
  private static final PojoSerializer<S3Event> EVENTS =
      LambdaEventSerializers.serializerFor(S3Event.class, S3EventPoller.class.getClassLoader());

  /**
   * Short polls, this often, rather than SQS long polling: local-aws's moto serves one request at a
   * time (its backends are not thread-safe), so a long poll would hold every other request (the
   * upload that sends the event, the API's reads) for as long as it waits.
   */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

  private final SqsClient sqs;
  private final String queueUrl;
  private final LocalFunction function;
  private final int maxAttempts;
  private final PrintStream out;
  private volatile boolean stopped;

  S3EventPoller(
      SqsClient sqs, String queueUrl, LocalFunction function, int maxAttempts, PrintStream out) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.function = function;
    this.maxAttempts = maxAttempts;
    this.out = out;
  }

  @Override
  public void run() {
    while (!stopped) {
      try {
        List<Message> messages =
            sqs.receiveMessage(
                    r ->
                        r.queueUrl(queueUrl)
                            .maxNumberOfMessages(1)
                            .messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        if (messages.isEmpty()) {
          pause(POLL_INTERVAL);
        }
        messages.forEach(this::deliver);
      } catch (RuntimeException e) {
        if (stopped) {
          return; // moto is going away with the rest of the run
        }
        out.println(
            Console.line(function.name(), "cannot read its event queue: " + e.getMessage()));
        pause(Duration.ofSeconds(1));
      }
    }
  }

  void stop() {
    stopped = true;
  }

  private void deliver(Message message) {
    try {
      function.invoke(EVENTS.fromJson(message.body()), Void.class);
    } catch (RuntimeException | Error e) {
      int attempt =
          Integer.parseInt(
              message
                  .attributes()
                  .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
      boolean giveUp = attempt >= maxAttempts;
      out.println(
          Console.line(
              function.name(),
              "failed on an S3 event (attempt "
                  + attempt
                  + " of "
                  + maxAttempts
                  + "): "
                  + e
                  + (giveUp
                      ? "; giving up on it, as Lambda would (AWS then keeps it in the failure"
                          + " destination)"
                      : "; it is retried when its queue message becomes visible again")));
      e.printStackTrace(out);
      if (!giveUp) {
        return;
      }
    }
    sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
