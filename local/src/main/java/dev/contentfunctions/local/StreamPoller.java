package dev.contentfunctions.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.DynamoDbStreamEvents;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
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
 * <p>It follows the stream as it changes, losing no record: when a poll finds nothing new it looks
 * at the stream again (at most every {@link #REFRESH_INTERVAL}) and reads new shards from their
 * first record once their parent is read to its end, drops shards that are gone, and takes fresh
 * iterators after the last record it processed (an iterator names one shard object, which a store
 * may replace under the same id). If the table's stream is a new one (the table was created again),
 * it reads that one from its start. Records already processed are never delivered again, whatever
 * shard presents them.
 *
 * <p>Short polls, like {@link S3EventPoller}'s: local-aws's moto serves one request at a time.
 */
final class StreamPoller implements Runnable {
  /**
   * Lambda polls a shard four times a second; twice is plenty locally, and moto keeps every shard
   * iterator it hands out (one per GetRecords) until it stops.
   */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

  /** How often an idle poller looks at the stream again: each look costs moto three requests. */
  private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);

  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final int DEFAULT_BATCH_SIZE = 100; // Lambda's, for DynamoDB streams
  private static final int RETRY_FOREVER = -1;

  /** Where a shard is read from next: an iterator in hand, or a position to take one at. */
  private static final class ShardReader {
    final String shardId;
    final String parentShardId;
    /** Where reading starts while no record of the shard was processed. */
    final ShardIteratorType start;

    String iterator;
    String lastSequenceNumber;

    ShardReader(String shardId, String parentShardId, ShardIteratorType start, String iterator) {
      this.shardId = shardId;
      this.parentShardId = parentShardId;
      this.start = start;
      this.iterator = iterator;
    }
  }

  private final DynamoDbStreamsClient streams;
  private final DynamoDbClient dynamoDb;
  private final String table;
  private final LocalFunction function;
  private final int batchSize;
  private final int maxRetries;
  private final boolean reportsItemFailures;
  private final EventFilter filter;
  private final PrintStream out;
  private volatile boolean stopped;

  private String streamArn;

  /** The shards being read, by id, oldest first. */
  private final Map<String, ShardReader> shards = new LinkedHashMap<>();

  /** Shards closed and read to their end. */
  private final Set<String> finished = new HashSet<>();

  /** Sequence numbers of the records of this stream handed to the function or filtered out. */
  private final Set<String> processed = new HashSet<>();

  private long nextRefresh;

  private StreamPoller(
      DynamoDbStreamsClient streams,
      DynamoDbClient dynamoDb,
      String streamArn,
      LocalFunction function,
      int batchSize,
      int maxRetries,
      boolean reportsItemFailures,
      EventFilter filter,
      PrintStream out) {
    this.streams = streams;
    this.dynamoDb = dynamoDb;
    this.streamArn = streamArn;
    this.table = tableOf(streamArn);
    this.function = function;
    this.batchSize = batchSize;
    this.maxRetries = maxRetries;
    this.reportsItemFailures = reportsItemFailures;
    this.filter = filter;
    this.out = out;
  }

  /**
   * Takes the shards' iterators at once, so that LATEST is now: before the API serves its first
   * request, whose writes the function must not miss.
   *
   * @param dynamoDb to find the table's current stream
   * @param properties the function's DynamoDB event's properties in the template
   */
  static StreamPoller open(
      DynamoDbStreamsClient streams,
      DynamoDbClient dynamoDb,
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
    StreamPoller poller =
        new StreamPoller(
            streams,
            dynamoDb,
            streamArn,
            function,
            properties.path("BatchSize").asInt(DEFAULT_BATCH_SIZE),
            properties.path("MaximumRetryAttempts").asInt(RETRY_FOREVER),
            reportsItemFailures,
            EventFilter.of(properties.path("FilterCriteria"), function.name()),
            out);
    for (Shard shard : poller.describeShards()) {
      ShardReader reader =
          new ShardReader(shard.shardId(), shard.parentShardId(), startingPosition, null);
      reader.iterator = poller.iterator(reader);
      poller.shards.put(shard.shardId(), reader);
    }
    return poller;
  }

  @Override
  public void run() {
    while (!stopped) {
      boolean any = false;
      try {
        for (ShardReader shard : List.copyOf(shards.values())) {
          // As Lambda does: a parent shard's records before its children's.
          if (shard.parentShardId == null || !shards.containsKey(shard.parentShardId)) {
            any |= poll(shard);
          }
        }
        if (!any && System.nanoTime() - nextRefresh >= 0) {
          refresh();
        }
      } catch (RuntimeException e) {
        if (stopped) {
          return; // moto is going away with the rest of the run
        }
        out.println(Console.line(function.name(), "cannot read its stream: " + e.getMessage()));
        nextRefresh = System.nanoTime(); // whatever changed, the next round looks again
        pause(RETRY_PAUSE);
      }
      if (!any) {
        pause(POLL_INTERVAL);
      }
    }
  }

  /** Reads one page of the shard and delivers it; true if it had records. */
  private boolean poll(ShardReader shard) {
    if (shard.iterator == null) {
      shard.iterator = iterator(shard);
    }
    String from = shard.iterator;
    GetRecordsResponse page = streams.getRecords(r -> r.shardIterator(from).limit(batchSize));
    List<Record> fresh =
        page.records().stream()
            .filter(record -> !processed.contains(record.dynamodb().sequenceNumber()))
            .toList();
    List<ObjectNode> batch =
        fresh.stream()
            .map(record -> DynamoDbStreamEvents.toJson(record, streamArn))
            .filter(filter::matches)
            .toList();
    if (!batch.isEmpty()) {
      deliver(batch);
    }
    fresh.forEach(record -> processed.add(record.dynamodb().sequenceNumber()));
    if (!page.records().isEmpty()) {
      shard.lastSequenceNumber =
          page.records().get(page.records().size() - 1).dynamodb().sequenceNumber();
    }
    shard.iterator = page.nextShardIterator();
    if (shard.iterator == null) { // closed, and read to its end
      shards.remove(shard.shardId);
      finished.add(shard.shardId);
    }
    return !page.records().isEmpty();
  }

  /**
   * Looks at the table's stream again: follows a new stream from its start, adds new shards, drops
   * those that are gone, and has fresh iterators taken where reading resumes.
   */
  private void refresh() {
    nextRefresh = System.nanoTime() + REFRESH_INTERVAL.toNanos();
    String current = dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    if (current != null && !current.equals(streamArn)) {
      out.println(
          Console.line(
              function.name(),
              "reads the new stream of "
                  + table
                  + " from its first record (the table's stream changed)"));
      streamArn = current;
      shards.clear();
      finished.clear();
      processed.clear();
    }
    Set<String> described = new HashSet<>();
    for (Shard shard : describeShards()) {
      described.add(shard.shardId());
      if (!shards.containsKey(shard.shardId()) && !finished.contains(shard.shardId())) {
        shards.put(
            shard.shardId(),
            new ShardReader(
                shard.shardId(), shard.parentShardId(), ShardIteratorType.TRIM_HORIZON, null));
      }
    }
    shards.keySet().retainAll(described);
    finished.retainAll(described);
    // Taken now, right after the stream's ARN was checked: a sequence number means nothing in
    // another stream, and moto answers an old stream's ARN with the new stream of the same table.
    for (ShardReader shard : shards.values()) {
      if (shard.lastSequenceNumber != null) {
        shard.iterator = iterator(shard);
      }
    }
  }

  /** The stream's shards, every page of them. */
  private List<Shard> describeShards() {
    List<Shard> all = new ArrayList<>();
    String after = null;
    do {
      String exclusiveStart = after;
      StreamDescription page =
          streams
              .describeStream(r -> r.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))
              .streamDescription();
      all.addAll(page.shards());
      after = page.lastEvaluatedShardId();
    } while (after != null);
    return all;
  }

  /** An iterator after the shard's last processed record, or at its start position. */
  private String iterator(ShardReader shard) {
    return streams
        .getShardIterator(
            r -> {
              r.streamArn(streamArn).shardId(shard.shardId);
              if (shard.lastSequenceNumber == null) {
                r.shardIteratorType(shard.start);
              } else {
                r.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(shard.lastSequenceNumber);
              }
            })
        .shardIterator();
  }

  /** The table's name in a stream's ARN: {@code arn:aws:dynamodb:...:table/NAME/stream/LABEL}. */
  static String tableOf(String streamArn) {
    String[] parts = streamArn.split("/");
    if (parts.length < 4 || !parts[0].endsWith(":table") || !parts[2].equals("stream")) {
      throw new IllegalArgumentException("Not the ARN of a table's stream: " + streamArn);
    }
    return parts[1];
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
      response = function.invoke(DynamoDbStreamEvents.event(batch), StreamsEventResponse.class);
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
