package dev.contentfunctions.coach;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.tables.consultations.CoachRepository;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import dev.contentfunctions.tables.consultations.InMemoryCoachRepository;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.localaws.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Booking requests on moto (the consultations table from template.yaml under a fresh name) or in
 * memory ({@link #inMemory()}), requests seeded as the booking function stores them, and the coach
 * API's handler over them with a clock the test sets, invoked as Lambda invokes it (the event's
 * JSON in, the response's JSON out). Remembers every personal value it seeded or sent, and every
 * log line the handler wrote, so a test class can check that none of the one is in the other.
 */
final class CoachTestBed {
  static final String SECRET = "test-hashing-secret-0123456789abcdef";
  /** The hashing secret {@link #SECRET} replaced, for erasure after a change of secret. */
  static final String PREVIOUS_SECRET = "test-previous-hashing-secret-0123456789";
  static final String COACH_ARN = "arn:aws:iam::123456789012:user/coach";

  /** Who signs a request: the coach, or one of the ways an event can lack an IAM identity. */
  enum Caller {
    COACH,
    NO_AUTHORIZER,
    JWT_ONLY,
    IAM_WITHOUT_IDENTITY
  }

  final SaltedHash hash = new SaltedHash(SECRET);
  final CoachRepository repository;
  final CoachApiHandler handler;
  Instant now = Instant.parse("2026-02-01T09:00:00Z");

  private final Consumer<Consultation> store;
  private final Function<String, Optional<Consultation>> read;
  private final AtomicLong sequence = new AtomicLong();
  private final List<String> personalValues = Collections.synchronizedList(new ArrayList<>());
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private final List<String> metricLines = Collections.synchronizedList(new ArrayList<>());

  /** On moto, a fresh table. */
  CoachTestBed() {
    this(onMoto());
  }

  private CoachTestBed(Store store) {
    this.repository = store.repository();
    this.store = store.put();
    this.read = store.get();
    this.handler = handler(SECRET);
  }

  /** In memory: for the handler's fast tests. */
  static CoachTestBed inMemory() {
    InMemoryCoachRepository memory = new InMemoryCoachRepository();
    return new CoachTestBed(new Store(memory, memory::put, memory::stored));
  }

  private record Store(CoachRepository repository, Consumer<Consultation> put, Function<String, Optional<Consultation>> get) {}

  private static Store onMoto() {
    MotoServer moto = MotoServer.shared();
    String table =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto)
            .createTable("ConsultationsTable", TemplateResources.uniqueName("consultations"));
    return new Store(
        new DynamoDbCoachRepository(moto.dynamoDb(), table),
        c -> moto.dynamoDb().putItem(r -> r.tableName(table).item(ConsultationMapper.toItem(c))),
        id -> {
          Map<String, AttributeValue> item =
              moto.dynamoDb().getItem(r -> r.tableName(table).key(ConsultationMapper.requestKey(id))).item();
          return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ConsultationMapper.fromItem(item));
        });
  }

  /** A handler over this bed's requests, with another secret if a test needs one. */
  CoachApiHandler handler(String secret) {
    return handler(repository, secret);
  }

  /** A handler over {@code repository} (say, one whose DynamoDB fails), logging to this bed. */
  CoachApiHandler handler(CoachRepository repository, String secret) {
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now;
          }
        };
    return new CoachApiHandler(
        repository, secret, null, clock, Log.to(logLines::add, Log.Level.DEBUG, Clock.systemUTC()),
        dev.contentfunctions.kit.metrics.Metrics.to(
            metricLines::add, dev.contentfunctions.kit.metrics.Metrics.DEFAULT_NAMESPACE, CoachApiHandler.FUNCTION,
            Clock.systemUTC()));
  }

  // ------------------------------------------------------------------ data

  /** A new request as the booking form would store it, with a fresh ULID of its time. */
  Consultation request(Instant receivedAt, String name, String email, String phone, String message) {
    return new Consultation(
        ulid(receivedAt, sequence.incrementAndGet()),
        Consultation.Status.NEW,
        receivedAt,
        name,
        email,
        phone,
        message,
        List.of("Weekday evenings", "Saturday morning"),
        "Europe/London",
        true,
        hash.ofIp("192.0.2.10"),
        hash.ofEmail(email),
        null,
        receivedAt.plus(Duration.ofDays(365)));
  }

  Consultation request(Instant receivedAt, String name, String email) {
    return request(receivedAt, name, email, "+44 7700 900123", "I would like to talk about " + name + "'s week.");
  }

  static Consultation handled(Consultation c, Instant handledAt) {
    return new Consultation(
        c.id(), Consultation.Status.HANDLED, c.receivedAt(), c.name(), c.email(), c.phone(), c.message(),
        c.preferredTimes(), c.timezone(), c.consent(), c.sourceIpHash(), c.emailHash(), handledAt, c.expiresAt());
  }

  void seed(Consultation... consultations) {
    for (Consultation c : consultations) {
      store.accept(c);
      remember(c.name(), c.email(), c.phone(), c.message(), c.emailHash());
    }
  }

  Optional<Consultation> stored(String id) {
    return read.apply(id);
  }

  /** A ULID: the time in milliseconds (10 characters), then 80 bits, here a counter (16 characters). */
  static String ulid(Instant time, long counter) {
    String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    StringBuilder ulid = new StringBuilder();
    long millis = time.toEpochMilli();
    for (int i = 9; i >= 0; i--) {
      ulid.append(alphabet.charAt((int) ((millis >>> (5 * i)) & 31)));
    }
    for (int i = 15; i >= 0; i--) {
      // Java shifts a long by the distance mod 64: the top characters, past 64 bits, are zeros.
      ulid.append(alphabet.charAt(5 * i >= 64 ? 0 : (int) ((counter >>> (5 * i)) & 31)));
    }
    return ulid.toString();
  }

  // ------------------------------------------------------------------ requests

  APIGatewayV2HTTPResponse get(String pathAndQuery) {
    return send("GET", pathAndQuery, null, Caller.COACH);
  }

  APIGatewayV2HTTPResponse post(String pathAndQuery, String body) {
    return send("POST", pathAndQuery, body, Caller.COACH);
  }

  APIGatewayV2HTTPResponse erase(String email) {
    remember(email);
    return post("/coach/erasures", Json.MAPPER.createObjectNode().put("email", email).toString());
  }

  APIGatewayV2HTTPResponse send(String method, String pathAndQuery, String body, Caller caller) {
    return invoke(handler, event(method, pathAndQuery, body, caller));
  }

  APIGatewayV2HTTPResponse invoke(CoachApiHandler target, APIGatewayV2HTTPEvent event) {
    return StreamInvocation.http(target, event, new LocalContext("CoachApiFunction"));
  }

  /** The handler invoked with an event's JSON as written: a sample of events/, a malformed event. */
  APIGatewayV2HTTPResponse invoke(String eventJson) {
    return StreamInvocation.http(handler, eventJson, new LocalContext("CoachApiFunction"));
  }

  /** An event as API Gateway builds it for an HTTP API route (payload 2.0), signed by {@code caller}. */
  static APIGatewayV2HTTPEvent event(String method, String pathAndQuery, String body, Caller caller) {
    HttpApiRequest request = HttpApiRequest.of(method, pathAndQuery).header("host", "api.coach.example");
    if (body != null) {
      request.header("content-type", "application/json").body(body);
    }
    return request.authorizer(authorizer(caller)).build();
  }

  private static RequestContext.Authorizer authorizer(Caller caller) {
    return switch (caller) {
      case COACH -> RequestContext.Authorizer.builder()
          .withIam(
              RequestContext.IAM.builder()
                  .withAccessKey("AKIAIOSFODNN7EXAMPLE")
                  .withAccountId("123456789012")
                  .withCallerId("AIDACKCEVSQ6C2EXAMPLE")
                  .withUserArn(COACH_ARN)
                  .withUserId("AIDACKCEVSQ6C2EXAMPLE")
                  .build())
          .build();
      case NO_AUTHORIZER -> null;
      case JWT_ONLY -> RequestContext.Authorizer.builder()
          .withJwt(
              RequestContext.Authorizer.JWT.builder()
                  .withClaims(Map.of("sub", "someone"))
                  .withScopes(List.of("coach"))
                  .build())
          .build();
      case IAM_WITHOUT_IDENTITY -> RequestContext.Authorizer.builder()
          .withIam(RequestContext.IAM.builder().withAccountId("123456789012").build())
          .build();
    };
  }

  static JsonNode json(APIGatewayV2HTTPResponse response) {
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> ids(JsonNode consultations) {
    List<String> ids = new ArrayList<>();
    consultations.forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  // ------------------------------------------------------------------ logs

  private void remember(String... values) {
    for (String value : values) {
      if (value != null) {
        personalValues.add(value);
      }
    }
  }

  /** Every EMF line the handlers wrote so far. */
  List<String> metricLines() {
    synchronized (metricLines) {
      return List.copyOf(metricLines);
    }
  }

  List<String> logLines() {
    synchronized (logLines) {
      return List.copyOf(logLines);
    }
  }

  /** No name, address, phone number, message or address hash in anything the handler logged. */
  void assertNothingPersonalWasLogged() {
    List<String> lines = logLines();
    List<String> personal;
    synchronized (personalValues) {
      personal = List.copyOf(personalValues);
    }
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      for (String value : personal) {
        assertThat(lower).as("a log line").doesNotContain(value.strip().toLowerCase(Locale.ROOT));
      }
    }
  }
}
