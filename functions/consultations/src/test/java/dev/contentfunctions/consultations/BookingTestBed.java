package dev.contentfunctions.consultations;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import dev.contentfunctions.tables.consultations.DynamoDbBookingRepository;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.localaws.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The booking function on moto, with the consultations table created from template.yaml under a
 * fresh name; keeps every log line the handler wrote, so tests can prove none holds personal data.
 */
final class BookingTestBed {
  static final String SECRET = "test-hashing-secret-0123456789abcdef";
  static final String THANK_YOU = "https://coach.example/thank-you";
  /** What CloudFront would send as x-origin-verify to this deployment (a stack id's UUID). */
  static final String ORIGIN_VERIFY = "5f0c3e2a-9d41-11ef-8c1b-0a3c5e7d9b21";

  final MotoServer moto = MotoServer.shared();
  final DynamoDbClient dynamoDb = moto.dynamoDb();
  final String table;
  final ConsultationsHandler handler;
  final SaltedHash hash = new SaltedHash(SECRET);
  /** Where every handler of this bed logs, as a function's log stream would collect it. */
  private final LocalContext logStream = new LocalContext("ConsultationsFunction");

  BookingTestBed() {
    table =
        new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto)
            .createTable("ConsultationsTable", TemplateResources.uniqueName("consultations"));
    handler = handler(dynamoDb);
  }

  ConsultationsHandler handler(DynamoDbClient client) {
    return handler(client, THANK_YOU);
  }

  /** A handler configured with this THANK_YOU_URL (empty: the site's own /thank-you). */
  ConsultationsHandler handler(DynamoDbClient client, String thankYouUrl) {
    return new ConsultationsHandler(
        new ConsultationsConfig(table, thankYouUrl, Duration.ofDays(30), SECRET, ORIGIN_VERIFY),
        new DynamoDbBookingRepository(client, table),
        Clock.systemUTC(),
        logStream.log(),
        logStream.metrics(ConsultationsHandler.FUNCTION));
  }

  /** Every EMF line the handlers wrote so far. */
  List<String> metricLines() {
    return logStream.metricLines();
  }

  /** Every line the handlers logged so far. */
  List<String> logLines() {
    return logStream.logLines();
  }

  APIGatewayV2HTTPResponse send(APIGatewayV2HTTPEvent event) {
    return send(handler, event);
  }

  APIGatewayV2HTTPResponse send(ConsultationsHandler to, APIGatewayV2HTTPEvent event) {
    return StreamInvocation.http(to, event, new LocalContext("ConsultationsFunction"));
  }

  static HttpApiRequest json(String body) {
    return HttpApiRequest.of("POST", "/consultations").header("Content-Type", "application/json").body(body);
  }

  static HttpApiRequest form(String body) {
    return HttpApiRequest.of("POST", "/consultations")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body);
  }

  /** A valid JSON submission for {@code email}, with a message that makes it distinct. */
  static String valid(String name, String email, String message) {
    return Json.MAPPER
        .createObjectNode()
        .put("name", name)
        .put("email", email)
        .put("phone", "+44 20 7946 0000")
        .put("message", message)
        .put("timezone", "Europe/London")
        .put("consent", true)
        .set("preferredTimes", Json.MAPPER.createArrayNode().add("Tuesday mornings").add("Friday after 4pm"))
        .toString();
  }

  /** Every stored request of one person, found the way erasure finds them (among what derives from them). */
  List<Consultation> requestsOf(String email) {
    List<Consultation> found = new ArrayList<>();
    for (Map<String, AttributeValue> key :
        dynamoDb
            .query(
                r ->
                    r.tableName(table)
                        .indexName(ConsultationMapper.BY_EMAIL_INDEX)
                        .keyConditionExpression("emailPk = :e")
                        .expressionAttributeValues(
                            Map.of(":e", AttributeValue.fromS(ConsultationMapper.emailPartition(hash.ofEmail(email))))))
            .items()) {
      if (!ConsultationMapper.isRequest(key)) {
        continue;
      }
      Map<String, AttributeValue> item =
          dynamoDb.getItem(r -> r.tableName(table).key(Map.of("pk", key.get("pk"), "sk", key.get("sk"))).consistentRead(true)).item();
      found.add(ConsultationMapper.fromItem(item));
    }
    return found;
  }

  static JsonNode body(APIGatewayV2HTTPResponse response) {
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
