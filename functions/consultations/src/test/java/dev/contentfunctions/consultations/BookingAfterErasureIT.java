package dev.contentfunctions.consultations;

import static dev.contentfunctions.consultations.BookingTestBed.body;
import static dev.contentfunctions.consultations.BookingTestBed.json;
import static dev.contentfunctions.consultations.BookingTestBed.valid;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.coach.CoachApiHandler;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A person erased through the coach's route who books again is a new person: the booking is
 * recorded with a new id and reaches the table's stream (what notifies the coach), and nothing left
 * in the table links them to the erased requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BookingAfterErasureIT {
  private final BookingTestBed bed = new BookingTestBed();
  private final CoachApiHandler coach =
      new CoachApiHandler(
          new DynamoDbCoachRepository(bed.dynamoDb, bed.table), BookingTestBed.SECRET, Clock.systemUTC(), new LocalContext("CoachApiFunction").log());
  private final List<String> personalData = new ArrayList<>();

  @AfterAll
  void nothingPersonalWasLogged() {
    assertThat(bed.logLines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(personalData));
  }

  @Test
  void sameRequestSentAgainAfterErasureIsRecordedAsNewAndNotified() {
    String email = email("repeat.after.erasure");
    String request = valid(name("Repeat Erased"), email, "Could we talk on Tuesday?");
    String erasedId = id(bed.send(json(request).sourceIp("203.0.113.1").build()));
    assertThat(erasedCount(email)).isEqualTo(1);

    APIGatewayV2HTTPResponse again = bed.send(json(request).sourceIp("203.0.113.1").build());

    assertThat(again.getStatusCode()).isEqualTo(201);
    String newId = id(again);
    assertThat(newId).isNotEqualTo(erasedId);
    assertThat(bed.requestsOf(email)).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(newId));
    assertThat(insertedRequestIds()).contains(newId);
  }

  @Test
  void sameIdempotencyKeyAfterErasureIsRecordedAsNewAndNotified() {
    String email = email("key.after.erasure");
    String request = valid(name("Key Erased"), email, "Evenings suit me.");
    String erasedId = id(bed.send(json(request).header("Idempotency-Key", "erased-key-1").sourceIp("203.0.113.2").build()));
    assertThat(erasedCount(email)).isEqualTo(1);

    APIGatewayV2HTTPResponse again =
        bed.send(json(request).header("Idempotency-Key", "erased-key-1").sourceIp("203.0.113.2").build());

    assertThat(again.getStatusCode()).isEqualTo(201);
    String newId = id(again);
    assertThat(newId).isNotEqualTo(erasedId);
    assertThat(bed.requestsOf(email)).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(newId));
    assertThat(insertedRequestIds()).contains(newId);
  }

  @Test
  void personAtTheirRateLimitCanBookAgainAfterErasure() {
    String email = email("limit.after.erasure");
    for (int i = 0; i < BookingService.MAX_PER_EMAIL; i++) {
      bed.send(json(valid(name("Limit Erased"), email, "Request " + i)).sourceIp("203.0.113." + (10 + i)).build());
    }
    assertThat(bed.send(json(valid("Limit Erased", email, "One too many")).sourceIp("203.0.113.20").build()).getStatusCode())
        .isEqualTo(429);
    assertThat(erasedCount(email)).isEqualTo(BookingService.MAX_PER_EMAIL);

    APIGatewayV2HTTPResponse again = bed.send(json(valid("Limit Erased", email, "After erasure")).sourceIp("203.0.113.21").build());

    assertThat(again.getStatusCode()).isEqualTo(201);
    assertThat(bed.requestsOf(email)).hasSize(1);
  }

  @Test
  void erasureLeavesNoItemThatReferencesThePersonOrTheirRequests() {
    String email = email("nothing.left");
    String emailHash = bed.hash.ofEmail(email);
    String sourceIp = "203.0.113.30";
    Map<String, Map<String, AttributeValue>> before = itemsByKey();
    String first = id(bed.send(json(valid(name("Nothing Left"), email, "First.")).header("Idempotency-Key", "left-1").sourceIp(sourceIp).build()));
    String second = id(bed.send(json(valid("Nothing Left", email, "Second.")).sourceIp(sourceIp).build()));
    Map<String, Map<String, AttributeValue>> written = itemsByKey();
    written.keySet().removeAll(before.keySet());
    // Both requests, their idempotency key, their two repeat items, the e-mail's and the address's counters.
    assertThat(written.keySet())
        .hasSize(7)
        .anyMatch(key -> key.startsWith("IDEM#key:"))
        .anyMatch(key -> key.startsWith("IDEM#repeat:"))
        .anyMatch(key -> key.startsWith("RATE#email#" + emailHash));

    assertThat(erasedCount(email)).isEqualTo(2);

    Map<String, Map<String, AttributeValue>> left = itemsByKey();
    left.keySet().retainAll(written.keySet());
    // What stays is the source address's counter: shared by everyone behind that address, it names no
    // person or request, and expires with its hour.
    assertThat(left.keySet()).singleElement().satisfies(key -> assertThat(key).startsWith("RATE#ip#" + bed.hash.ofIp(sourceIp)));
    assertThat(itemsByKey().values())
        .allSatisfy(item -> assertThat(item.toString()).doesNotContain(emailHash, first, second));
  }

  private String email(String who) {
    String email = who + "@example.net";
    personalData.add(email);
    return email;
  }

  private String name(String name) {
    personalData.add(name);
    return name;
  }

  private static String id(APIGatewayV2HTTPResponse response) {
    assertThat(response.getStatusCode()).isEqualTo(201);
    return body(response).path("id").asText();
  }

  /** Erases the address through the coach's route, as the coach would; returns how many requests went. */
  private int erasedCount(String email) {
    APIGatewayV2HTTPEvent event =
        HttpApiRequest.of("POST", "/coach/erasures")
            .header("content-type", "application/json")
            .body(Json.MAPPER.createObjectNode().put("email", email).toString())
            .authorizer(
                APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withIam(
                        APIGatewayV2HTTPEvent.RequestContext.IAM.builder()
                            .withAccessKey("AKIAIOSFODNN7EXAMPLE")
                            .withUserArn("arn:aws:iam::123456789012:user/coach")
                            .build())
                    .build())
            .build();
    APIGatewayV2HTTPResponse response = StreamInvocation.http(coach, event, new LocalContext("CoachApiFunction"));
    assertThat(response.getStatusCode()).isEqualTo(200);
    return body(response).path("erased").asInt();
  }

  /** Every item of the table by its keys ("pk sk"): a Scan, which only a test may do. */
  private Map<String, Map<String, AttributeValue>> itemsByKey() {
    return bed.dynamoDb.scanPaginator(r -> r.tableName(bed.table).consistentRead(true)).items().stream()
        .collect(
            Collectors.toMap(
                item -> item.get(ConsultationMapper.PK).s() + " " + item.get(ConsultationMapper.SK).s(),
                item -> item,
                (a, b) -> a,
                HashMap::new));
  }

  /** The ids of the requests whose INSERT is in the table's stream: what the coach is notified of. */
  private List<String> insertedRequestIds() {
    var moto = bed.moto;
    try (DynamoDbStreamsClient streams =
        DynamoDbStreamsClient.builder()
            .endpointOverride(moto.endpoint())
            .region(moto.region())
            .credentialsProvider(moto.credentials())
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      String streamArn = bed.dynamoDb.describeTable(r -> r.tableName(bed.table)).table().latestStreamArn();
      List<String> ids = new ArrayList<>();
      for (Shard shard : streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards()) {
        String iterator =
            streams
                .getShardIterator(
                    r -> r.streamArn(streamArn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        while (iterator != null) {
          String current = iterator;
          var page = streams.getRecords(r -> r.shardIterator(current));
          for (Record record : page.records()) {
            if (record.eventName() == OperationType.INSERT && ConsultationMapper.isRequest(record.dynamodb().keys())) {
              ids.add(record.dynamodb().newImage().get(ConsultationMapper.ID).s());
            }
          }
          iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
      }
      return ids;
    }
  }
}
