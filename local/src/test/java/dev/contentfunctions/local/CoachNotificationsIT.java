package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.shared.consultations.ConsultationMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The coach is notified of every booking the local run records, also after a transaction on the
 * consultations table was cancelled: moto restores the table from a copy then, with a new stream
 * shard object, and a reader that kept its old shard iterator would never see another record.
 */
class CoachNotificationsIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(40);
  private static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NOTIFIED =
      Pattern.compile("CoachNotificationTopic  sent a notification for request (\\w+)");

  /** Every request the API answered with 201. */
  private static final Set<String> recorded = ConcurrentHashMap.newKeySet();

  @TempDir static Path temp;
  private static LocalRunProcess run;
  private static String table;

  @BeforeAll
  static void startTheRun() throws Exception {
    Path content = Files.createDirectories(temp.resolve("content/posts")).getParent();
    Path web = Files.createDirectories(temp.resolve("web"));
    run = LocalRunProcess.start(content, web, temp.resolve("local-run.log"));
    table = LocalStack.generatedName(LocalRun.stackName(RepoPaths.root()), "ConsultationsTable");
    run.awaitWhileRunning("the API answers", START_TIMEOUT, CoachNotificationsIT::apiAnswers);
  }

  @AfterAll
  static void stopTheRun() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void notifiesTheNextBookingAfterOneRefusedForItsRateLimit() throws Exception {
    String email = "limited-" + UUID.randomUUID() + "@example.com";
    for (int i = 0; i < 3; i++) {
      assertCoachNotified(book(email, "Booking number " + i));
    }
    // The fourth for one e-mail address: the transaction's rate counter condition cancels it.
    assertThat(post(email, "One too many")).startsWith("429 ");

    assertCoachNotified(book("next-" + UUID.randomUUID() + "@example.com", "After the 429"));
  }

  @Test
  void notifiesTheNextBookingAfterADuplicateWasCancelled() throws Exception {
    String first = book("first-" + UUID.randomUUID() + "@example.com", "The original");
    assertCoachNotified(first);
    // The booking's transaction as a second instance of the function, racing the first, sends it
    // (locally the function runs one request at a time and finds the key first, so the test sends
    // it): the request exists already, DynamoDB cancels it.
    try (DynamoDbClient dynamoDb = run.dynamoDb()) {
      assertThatThrownBy(
              () ->
                  dynamoDb.transactWriteItems(
                      r ->
                          r.transactItems(
                              item ->
                                  item.put(
                                      p ->
                                          p.tableName(table)
                                              .item(ConsultationMapper.requestKey(first))
                                              .conditionExpression("attribute_not_exists(pk)")))))
          .isInstanceOf(TransactionCanceledException.class);
    }

    assertCoachNotified(book("second-" + UUID.randomUUID() + "@example.com", "After the duplicate"));
  }

  private static boolean apiAnswers() {
    try {
      return run.get("/posts").startsWith("200 ");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Books as the site's script does; returns the request's id. */
  private static String book(String email, String message) throws Exception {
    String response = post(email, message);
    assertThat(response).startsWith("201 ");
    String id = JSON.readTree(response.substring(4)).path("id").asText();
    recorded.add(id);
    return id;
  }

  private static String post(String email, String message) throws Exception {
    String body =
        JSON.createObjectNode()
            .put("name", "Alex Example")
            .put("email", email)
            .put("message", message)
            .put("timezone", "Europe/London")
            .put("consent", true)
            .toString();
    return LocalRunProcess.send(
        HttpRequest.newBuilder(URI.create(run.url("/consultations")))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * The coach is told of this request, and of no request that was not recorded (such as the
   * writes of a cancelled transaction): the stream is read in order, so any such notification came
   * before this one.
   */
  private static void assertCoachNotified(String id) throws InterruptedException {
    String line = "CoachNotificationTopic  sent a notification for request " + id;
    run.awaitWhileRunning(
        "the coach is notified of " + id, NOTIFY_TIMEOUT, () -> run.output().contains(line));
    Set<String> notified = new HashSet<>();
    NOTIFIED.matcher(run.output()).results().forEach(match -> notified.add(match.group(1)));
    assertThat(recorded).as("the requests recorded").containsAll(notified);
  }
}
