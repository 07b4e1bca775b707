package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one booking each local run starts with, so that the coach's sample events find what they
 * name: {@code events/coach-mark-handled.json} marks request {@link #ID} handled and {@code
 * events/coach-erasure.json} erases {@link #EMAIL}'s requests, this one. An invented person (no
 * booking of the other samples uses the address, so the erasure erases exactly this one). Written
 * as the booking function writes a request, with the run's own hashing secret: the erasure finds it
 * by the address's hash, locally and through {@code sam local} with the run's env.json.
 */
final class SampleBooking {
  static final String ID = "01K9JCD9DR7QW3M5XK2RFBNH8D";
  private static final String NAME = "Jamie Rivera";
  private static final String EMAIL = "jamie.rivera@example.org";

  /** The function that records bookings: its table, secret and retention are the seed's. */
  private static final String BOOKING_FUNCTION = "ConsultationsFunction";

  /** A documentation address (RFC 5737), as in the sample events. */
  private static final String SOURCE_IP = "198.51.100.23";

  private SampleBooking() {}

  /**
   * The booking, received at {@code now}, for a function with this environment ({@code
   * RETENTION_DAYS}) and hashing secret (the one {@code HASHING_SECRET_ARN} names).
   */
  private static Consultation of(Map<String, String> environment, String hashingSecret, Instant now) {
    SaltedHash hash = new SaltedHash(hashingSecret);
    return new Consultation(
        ID,
        Consultation.Status.NEW,
        now,
        NAME,
        EMAIL,
        "+1 555 0123",
        "A sample booking the local run starts with, for events/coach-*.json.",
        List.of("Weekday evenings"),
        "America/Chicago",
        true,
        hash.ofIp(SOURCE_IP),
        hash.ofEmail(EMAIL),
        null,
        now.plus(Duration.ofDays(Long.parseLong(required(environment, "RETENTION_DAYS")))));
  }

  /** Writes the booking into the booking function's table, as that function sees it. */
  static void seed(
      CloudFormationTemplate template,
      TemplateValues values,
      DynamoDbClient dynamoDb,
      SecretsManagerClient secrets,
      Instant now) {
    FunctionDefinition function =
        template.functions().stream()
            .filter(f -> f.logicalId().equals(BOOKING_FUNCTION))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The local run seeds a booking for the coach's sample events into "
                            + BOOKING_FUNCTION
                            + "'s table; template.yaml has no "
                            + BOOKING_FUNCTION));
    Map<String, String> environment = values.environment(List.of(function));
    String table = required(environment, "CONSULTATIONS_TABLE");
    String hashingSecret =
        secrets.getSecretValue(r -> r.secretId(required(environment, "HASHING_SECRET_ARN"))).secretString();
    dynamoDb.putItem(
        r -> r.tableName(table).item(ConsultationMapper.toItem(of(environment, hashingSecret, now))));
  }

  private static String required(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value == null) {
      throw new IllegalStateException(
          BOOKING_FUNCTION + " has no " + name + " in template.yaml; the seeded booking needs it");
    }
    return value;
  }
}
