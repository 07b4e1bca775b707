package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.DynamoDbStreamEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Feeds a function a table's stream, as Lambda's event source mapping does: records of each shard
 * in order, in batches of at most {@code BatchSize}, filtered by {@code FilterCriteria}, from the
 * {@code StartingPosition} on. A batch that fails (the function throws, or reports {@code
 * batchItemFailures} with {@code FunctionResponseTypes: [ReportBatchItemFailures]}) is retried from
 * the first failed record, up to {@code MaximumRetryAttempts} times (-1, Lambda's default for
 * streams, retries until it succeeds), then skipped with a message (AWS would send it to the
 * failure destination). {@code BisectBatchOnFunctionError} is not emulated.
 *
 * <p>Short polls, like {@link S3EventPoller}'s: local-aws's moto serves one request at a time. The
 * shards are the stream's when the run starts; moto's tables have one that never closes.
 */
final class StreamPoller implements Runnable {
  /**
   * Lambda polls a shard four times a second; twice is plenty locally, and moto keeps every shard
   * iterator it hands out (one per GetRecords) until it stops.
   */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final int DEFAULT_BATCH_SIZE = 100; // Lambda's, for DynamoDB streams
  private static final int RETRY_FOREVER = -1;

  private final DynamoDbStreamsClient streams;
  private final String streamArn;
  private final LocalFunction function;
  private final int batchSize;
  private final int maxRetries;
  private final boolean reportsItemFailures;
  private final EventFilter filter;
  private final PrintStream out;
  private volatile boolean stopped;

  /** Shard id -> where to read next. */
  private final Map<String, String> iterators;

  private StreamPoller(
      DynamoDbStreamsClient streams,
      String streamArn,
      LocalFunction function,
      int batchSize,
      int maxRetries,
      boolean reportsItemFailures,
      EventFilter filter,
      Map<String, String> iterators,
      PrintStream out) {
    this.streams = streams;
    this.streamArn = streamArn;
    this.function = function;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.reportsItemFailures = reportsItemFailures;
    this.filter = filter;
    this.iterators = iterators;
    this.out = out;
  }

  /**
   * Takes the shards' iterators at once, so that LATEST is now: before the API serves its first
   * request, whose writes the function must not miss.
   *
   * @param properties the function's DynamoDB event's properties in the template
   */
  static StreamPoller open(
      DynamoDbStreamsClient streams,
      String streamArn,
      LocalFunction function,
      JsonNode properties,
      PrintStream out) {
    ShardIteratorType startingPosition =
        ShardIteratorType.fromValue(properties.path("StartingPosition").asText("LATEST"));
    if (startingPosition != ShardIteratorType.LATEST
        && startingPosition != ShardIteratorType.TRIM_HORIZON) {
      throw new IllegalStateException(
          function.name()
              + "'s DynamoDB event has StartingPosition "
              + properties.path("StartingPosition")
              + "; the local run knows LATEST and TRIM_HORIZON");
    }
    boolean reportsItemFailures = false;
    for (JsonNode type : properties.path("FunctionResponseTypes")) {
      reportsItemFailures |= type.asText().equals("ReportBatchItemFailures");
    }
    EventFilter filter = EventFilter.of(properties.path("FilterCriteria"), function.name());
    Map<String, String> iterators = new LinkedHashMap<>();
    for (Shard shard :
        streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      iterators.put(
          shard.shardId(),
          streams
              .getShardIterator(
                  r ->
                      r.streamArn(streamArn)
                          .shardId(shard.shardId())
                          .shardIteratorType(startingPosition))
              .shardIterator());
    }
    return new StreamPoller(
        streams,
        streamArn,
        function,
        properties.path("BatchSize").asInt(DEFAULT_BATCH_SIZE),
        properties.path("MaximumRetryAttempts").asInt(RETRY_FOREVER),
        reportsItemFailures,
        filter,
        iterators,
        out);
  }

  @Override
  public void run() {
    while (!stopped) {
      boolean any = false;
      for (Map.Entry<String, String> shard : iterators.entrySet()) {
        try {
          GetRecordsResponse page =
              streams.getRecords(r -> r.shardIterator(shard.getValue()).limit(batchSize));
          shard.setValue(page.nextShardIterator());
          List<ObjectNode> batch =
              page.records().stream()
                  .map(record -> DynamoDbStreamEvents.toJson(record, streamArn))
                  .filter(filter::matches)
                  .toList();
          any |= !page.records().isEmpty();
          if (!batch.isEmpty()) {
            deliver(batch);
          }
        } catch (RuntimeException e) {
          if (stopped) {
            return; // moto is going away with the rest of the run
          }
          out.println(Console.line(function.name(), "cannot read its stream: " + e.getMessage()));
          pause(RETRY_PAUSE);
        }
      }
      if (!any) {
        pause(POLL_INTERVAL);
      }
    }
  }

  void stop() {
    stopped = true;
  }

  /** Invokes the function until the batch succeeds or its retries are spent. */
  private void deliver(List<ObjectNode> batch) {
    List<ObjectNode> remaining = batch;
    for (int retry = 0; !stopped; retry++) {
      int failedAt = invoke(remaining);
      if (failedAt < 0) {
        return;
      }
      remaining = remaining.subList(failedAt, remaining.size());
      boolean giveUp = maxRetries != RETRY_FOREVER && retry >= maxRetries;
      out.println(
          Console.line(
              function.name(),
              "failed on "
                  + remaining.size()
                  + " stream record(s) (retry "
                  + retry
                  + " of "
                  + (maxRetries == RETRY_FOREVER ? "unlimited" : maxRetries)
                  + ")"
                  + (giveUp
                      ? "; skipping them, as Lambda would (AWS then sends them to the failure"
                          + " destination)"
                      : "; retrying from the first failed record")));
      if (giveUp) {
        return;
      }
      pause(RETRY_PAUSE);
    }
  }

  /** The index of the first failed record, or -1 if the whole batch succeeded. */
  private int invoke(List<ObjectNode> batch) {
    Object response;
    try {
      response = function.invoke(DynamoDbStreamEvents.event(batch));
    } catch (RuntimeException | Error e) {
      e.printStackTrace(out);
      return 0;
    }
    // Without ReportBatchItemFailures in FunctionResponseTypes, Lambda ignores the response.
    if (!reportsItemFailures
        || !(response instanceof StreamsEventResponse streamsResponse)
        || streamsResponse.getBatchItemFailures() == null
        || streamsResponse.getBatchItemFailures().isEmpty()) {
      return -1;
    }
    // Lambda resumes from the lowest sequence number reported.
    int first = batch.size();
    for (StreamsEventResponse.BatchItemFailure failure : streamsResponse.getBatchItemFailures()) {
      for (int i = 0; i < first; i++) {
        if (batch
            .get(i)
            .path("dynamodb")
            .path("SequenceNumber")
            .asText()
            .equals(failure.getItemIdentifier())) {
          first = i;
        }
      }
    }
    // An identifier that names no record of the batch: Lambda retries the whole batch.
    return first == batch.size() ? 0 : first;
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
