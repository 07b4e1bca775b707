package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.DynamoDbStreamEvents;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.notifier.NotifierTestBed.Notification;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * End to end through moto's table stream: the consultations table from template.yaml, items written
 * as the consultations function writes them, the stream's records handed to the handler as Lambda
 * would (without the event source mapping's filter, so the handler's own check is what counts).
 */
class ConsultationStreamIT {
  private static final DynamoDbStreamsClient STREAMS =
      NotifierTestBed.local(DynamoDbStreamsClient.builder()).build();

  private final NotifierTestBed bed = new NotifierTestBed();
  private final DynamoDbClient dynamoDb = NotifierTestBed.MOTO.dynamoDb();
  private final String table =
      new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), NotifierTestBed.MOTO)
          .createTable("ConsultationsTable", TemplateResources.uniqueName("consultations"));
  private final String streamArn =
      dynamoDb.describeTable(r -> r.tableName(table)).table().latestStreamArn();

  @Test
  void newRequestInTheTableReachesTheCoach() {
    Consultation request = TestRequests.request("Alex Example", "alex@example.com");
    dynamoDb.putItem(r -> r.tableName(table).item(ConsultationMapper.toItem(request)));
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response =
        StreamInvocation.stream(bed.handler(context), DynamoDbStreamEvents.of(streamRecords(), streamArn), context);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bed.received())
        .singleElement()
        .extracting(Notification::body)
        .asString()
        .contains(
            "Alex Example",
            "alex@example.com",
            "Monday after 6pm",
            "Friday lunchtime",
            request.id());
    assertThat(context.logLines())
        .allSatisfy(line -> assertThat(line).doesNotContain("Alex Example", "alex@example.com"));
  }

  @Test
  void forgedLinesOfAStoredRequestReachTheCoachQuotedNotAsTheSystemsOwn() {
    Consultation request =
        TestRequests.withMessage(
            TestRequests.request(
                "Alex\u2028Request id: 01FORGED\u2029Write to them at attacker@evil.example",
                "alex@example.com"),
            "We argue.\r\nRequest id: 01FORGED\u0085Write to them at attacker@evil.example");
    dynamoDb.putItem(r -> r.tableName(table).item(ConsultationMapper.toItem(request)));
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamInvocation.stream(bed.handler(context), DynamoDbStreamEvents.of(streamRecords(), streamArn), context);

    Notification notification = bed.received().get(0);
    // Split as the most eager viewer would: at every separator, not only at LF.
    String anySeparator = "[\\n\\r\\u000B\\u000C\\u001C-\\u001E\\u0085\\u2028\\u2029]";
    List<String> lines = List.of(notification.body().split(anySeparator));
    assertThat(notification.subject()).isEqualTo("New consultation request");
    assertThat(lines.stream().filter(line -> line.startsWith("Request id")))
        .containsExactly("Request id: " + request.id());
    assertThat(lines.stream().filter(line -> line.startsWith("Write to them at"))).hasSize(1);
    assertThat(lines)
        .contains(
            "Name: Alex Request id: 01FORGED Write to them at attacker@evil.example",
            "> We argue.",
            "> Request id: 01FORGED",
            "> Write to them at attacker@evil.example");
  }

  @Test
  void idempotencyKeysAndRateCountersNotifyNobody() {
    Map<String, AttributeValue> idempotency =
        new HashMap<>(ConsultationMapper.idempotencyKey("d2c4e6f8"));
    idempotency.put(
        ConsultationMapper.CONSULTATION_ID, AttributeValue.fromS("01KF0FVEFS7Q4M2XH8RZ3B6NWD"));
    idempotency.put(ConsultationMapper.EXPIRES_AT, AttributeValue.fromN("1768555812"));
    Map<String, AttributeValue> counter =
        new HashMap<>(ConsultationMapper.rateKey("ip", "1fc54089f0fb5358aeb6", 1768467600L));
    counter.put(ConsultationMapper.COUNT, AttributeValue.fromN("1"));
    counter.put(ConsultationMapper.EXPIRES_AT, AttributeValue.fromN("1768471200"));
    dynamoDb.putItem(r -> r.tableName(table).item(idempotency));
    dynamoDb.putItem(r -> r.tableName(table).item(counter));
    List<Record> records = streamRecords();
    LocalContext context = new LocalContext("ConsultationNotifierFunction");

    StreamsEventResponse response =
        StreamInvocation.stream(bed.handler(context), DynamoDbStreamEvents.of(records, streamArn), context);

    assertThat(records).hasSize(2);
    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(bed.received()).isEmpty();
    assertThat(context.logLines())
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"message\":\"batch.done\"", "\"skipped\":2"));
  }

  @Test
  void requestMarkedHandledIsNotNewAgain() {
    Consultation request = TestRequests.request("Alex Example", "alex@example.com");
    dynamoDb.putItem(r -> r.tableName(table).item(ConsultationMapper.toItem(request)));
    dynamoDb.updateItem(
        r ->
            r.tableName(table)
                .key(ConsultationMapper.requestKey(request.id()))
                .updateExpression("SET #status = :handled")
                .expressionAttributeNames(Map.of("#status", ConsultationMapper.STATUS))
                .expressionAttributeValues(
                    Map.of(":handled", AttributeValue.fromS(Consultation.Status.HANDLED.value()))));
    List<Record> records = streamRecords();

    LocalContext context = new LocalContext("ConsultationNotifierFunction");
    StreamInvocation.stream(bed.handler(context), DynamoDbStreamEvents.of(records, streamArn), context);

    assertThat(records).extracting(Record::eventNameAsString).containsExactly("INSERT", "MODIFY");
    assertThat(bed.received())
        .singleElement()
        .extracting(Notification::body)
        .asString()
        .contains(request.id());
  }

  /** Every record of the table's stream so far, shard by shard, oldest first. */
  private List<Record> streamRecords() {
    List<Record> records = new ArrayList<>();
    for (Shard shard :
        STREAMS.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
      String iterator =
          STREAMS
              .getShardIterator(
                  r ->
                      r.streamArn(streamArn)
                          .shardId(shard.shardId())
                          .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
              .shardIterator();
      while (iterator != null) {
        String current = iterator;
        GetRecordsResponse page = STREAMS.getRecords(r -> r.shardIterator(current));
        records.addAll(page.records());
        iterator = page.records().isEmpty() ? null : page.nextShardIterator();
      }
    }
    return records;
  }
}
