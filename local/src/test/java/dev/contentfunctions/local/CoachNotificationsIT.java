package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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

  /** Every request the API answered with 201, and the one the run seeds. */
  private static final Set<String> recorded = ConcurrentHashMap.newKeySet();

  static {
    recorded.add(SampleBooking.ID);
  }

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

  /**
   * The banner's command for the coach's inbox, as a newcomer pastes it: with whichever AWS CLI is
   * installed (version 1 reads no AWS_REGION), without a configuration of their own.
   */
  @Test
  void theBannersInboxCommandShowsTheCoachsEmail() throws Exception {
    Assumptions.assumeTrue(
        new ProcessBuilder("bash", "-c", "command -v aws").start().waitFor() == 0,
        "the AWS CLI is not installed");
    assertCoachNotified(book("inbox-" + UUID.randomUUID() + "@example.com", "For the inbox"));
    List<String> lines = run.output().lines().toList();
    int receive =
        IntStream.range(1, lines.size())
            // The coach's inbox (each topic has one: the author's too).
            .filter(i -> lines.get(i).contains("sqs receive-message") && lines.get(i).contains("CoachNotificationTopic-inbox"))
            .findFirst()
            .orElseThrow();
    String command =
        lines.get(receive - 1).replace("Try:", "").replace("\\", "").trim()
            + " "
            + lines.get(receive).trim();
    ProcessBuilder shell = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    shell.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    shell.environment().put("HOME", Files.createDirectories(temp.resolve("home")).toString());
    Process process = shell.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor()).as(command + "\n" + output).isZero();
    assertThat(output).contains("\"Messages\"");
  }

  /**
   * The banner's {@code --env-vars} file for {@code sam local} gives each function of the template
   * its variables with exactly the values the run's functions have (the functions' JVM's own
   * environment, read from /proc), the per-run HashingSecret and the AWS endpoint included.
   */
  @Test
  void theSamLocalEnvFileHoldsWhatTheRunsFunctionsGet() throws Exception {
    Path envJson = SamLocalEnv.file(RepoPaths.root());
    assertThat(run.output()).contains("sam local   --env-vars " + envJson);
    JsonNode file = JSON.readTree(envJson.toFile());
    ProcessHandle functionsJvm =
        run.process()
            .descendants()
            .filter(p -> proc(p, "cmdline").contains(FunctionsMain.class.getName()))
            .findFirst()
            .orElseThrow();
    Map<String, String> environment = new HashMap<>();
    for (String entry :
proc(functionsJvm, "environ").split("\0")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        environment.put(entry.substring(0, equals), entry.substring(equals + 1));
      }
    }

    for (FunctionDefinition function :
        CloudFormationTemplate.load(RepoPaths.template()).functions()) {
      JsonNode variables = file.path(function.logicalId());
      Set<String> names = new TreeSet<>();
      variables.fieldNames().forEachRemaining(names::add);
      Set<String> expected = new TreeSet<>(function.environment().keySet());
      expected.addAll(List.of("AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"));
      assertThat(names).as(function.logicalId()).isEqualTo(expected);
      names.forEach(
          name ->
              assertThat(variables.path(name).asText())
                  .as(function.logicalId() + " " + name)
                  .isEqualTo(environment.get(name)));
    }
    assertThat(file.size()).isEqualTo(CloudFormationTemplate.load(RepoPaths.template()).functions().size());
  }

  /** A file of the process's folder in /proc (Linux), empty if it is gone. */
  private static String proc(ProcessHandle process, String file) {
    try {
      return Files.readString(Path.of("/proc/" + process.pid() + "/" + file));
    } catch (IOException e) {
      return "";
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
