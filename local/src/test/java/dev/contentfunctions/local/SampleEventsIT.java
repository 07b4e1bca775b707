package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Every sample event of events/ does what its name says against the local run as a newcomer starts
 * it ({@code content/} as checked in, the seeded booking): each HTTP API event is sent to the run's
 * API as the request it records (method, path, query, headers, body), each S3 event goes into the
 * queue through which the run feeds the publisher its bucket's events, and the stream event's
 * change is written to the table whose stream the run feeds the notifier. So the events reach the
 * functions the way the run's own requests and events do, whatever form the handlers take.
 *
 * <p>In the order a user would try them: the reads, the coach's (mark-handled before the erasure,
 * which erases the seeded booking), the bookings, then the seed post's put and delete (the put's S3
 * sequencer is older than the delete's, so after the delete the put is rightly ignored).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleEventsIT {
  /**
   * What a default {@code local/run} (API port 3000) has as SiteUrl, which the post's body, hence
   * its ETag, contains: the If-None-Match sample holds the seed post's ETag as that run serves it.
   */
  private static final String DEFAULT_SITE_URL = "http://127.0.0.1:3000";

  private static final String SEED_POST = "how-to-rebuild-emotional-connection-after-a-hard-season";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** Headers java.net.http sets itself and refuses from a caller. */
  private static final Set<String> SET_BY_THE_CLIENT =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final Path EVENTS = RepoPaths.root().resolve("events");

  @TempDir static Path temp;
  private static LocalRunProcess run;
  private static DynamoDbClient dynamoDb;
  private static SqsClient sqs;
  private static S3Client s3;
  private static String stackName;
  /** How much the run had printed before the first sample event. */
  private static int outputBeforeTheEvents;

  /** What each event promises, in the order they run. */
  private static final Map<String, EventCheck> PROMISES = new LinkedHashMap<>();

  static {
    PROMISES.put("api-get-post.json", SampleEventsIT::servesTheSeedPost);
    PROMISES.put("api-get-post-if-none-match.json", SampleEventsIT::revalidatesTheSeedPost);
    PROMISES.put("page-get-post.json", SampleEventsIT::servesTheSeedPostsPage);
    PROMISES.put("api-list-posts.json", SampleEventsIT::listsAPageOfPosts);
    PROMISES.put("api-list-posts-by-tag.json", SampleEventsIT::listsTheTagsPosts);
    PROMISES.put("api-related-posts.json", SampleEventsIT::listsRelatedPosts);
    PROMISES.put("api-tags.json", SampleEventsIT::listsTags);
    PROMISES.put("api-feed.json", event -> servesXmlListingTheSeedPost(event, "link"));
    PROMISES.put("api-sitemap.json", SampleEventsIT::servesASitemapIndexLeadingToTheSeedPost);
    PROMISES.put("coach-list-consultations.json", SampleEventsIT::listsTheSeededBooking);
    PROMISES.put("coach-mark-handled.json", SampleEventsIT::marksTheSeededBookingHandled);
    PROMISES.put("coach-erasure.json", SampleEventsIT::erasesTheSeededBooking);
    PROMISES.put("consultation-invalid.json", SampleEventsIT::refusesTheBooking);
    PROMISES.put("consultation-json.json", SampleEventsIT::recordsTheBookingAndNotifies);
    PROMISES.put("consultation-form.json", SampleEventsIT::recordsTheFormAndRedirects);
    PROMISES.put("dynamodb-new-consultation.json", SampleEventsIT::notifiesTheCoach);
    PROMISES.put("s3-put-post.json", event -> appliesTheS3Event(event, false));
    PROMISES.put("s3-put-image.json", SampleEventsIT::processesTheImageAndShowsItInItsPost);
    PROMISES.put("s3-delete-post.json", event -> appliesTheS3Event(event, true));
  }

  @FunctionalInterface
  private interface EventCheck {
    void check(JsonNode event) throws Exception;
  }

  @BeforeAll
  static void startTheRun() throws Exception {
    Path content = SampleContent.copyInto(temp);
    Path web = Files.createDirectories(temp.resolve("web"));
    run =
        LocalRunProcess.start(
            content,
            web,
            temp.resolve("local-run.log"),
            "--parameter",
            "SiteUrl=" + DEFAULT_SITE_URL);
    dynamoDb = run.dynamoDb();
    sqs = run.sqs();
    s3 = run.s3();
    stackName = LocalRun.stackName(RepoPaths.root());
    long posts;
    try (Stream<Path> files = Files.list(content.resolve("posts"))) {
      posts = files.filter(file -> file.toString().endsWith(".md")).count();
    }
    // The seed post's body names its neighbours, so its ETag is the final one once all are in.
    run.awaitWhileRunning(
        "every post of content/ is published", START_TIMEOUT, () -> publishedPosts() == posts);
    outputBeforeTheEvents = run.output().length();
  }

  @AfterAll
  static void stopTheRun() {
    if (run != null) {
      run.close();
    }
  }

  @Test
  void everySampleEventHasItsPromiseChecked() throws IOException {
    Set<String> files = new TreeSet<>();
    try (Stream<Path> events = Files.list(EVENTS)) {
      events
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".json"))
          .forEach(files::add);
    }
    assertThat(files).isEqualTo(new TreeSet<>(PROMISES.keySet()));
  }

  @TestFactory
  @Order(1)
  Stream<DynamicTest> everySampleEventDoesWhatItsNameSays() {
    return PROMISES.entrySet().stream()
        .map(
            promise ->
                DynamicTest.dynamicTest(
                    promise.getKey(),
                    () ->
                        promise
                            .getValue()
                            .check(JSON.readTree(EVENTS.resolve(promise.getKey()).toFile()))));
  }

  /**
   * Between them the sample events make the functions emit every metric of docs/metrics.md's table
   * and no other (the run shows each EMF line as {@code metric  <Function>  Name{..}=value ...}).
   * After the events, whose metric lines may trail their effects by a moment.
   */
  @Test
  @Order(2)
  void theSampleEventsEmitExactlyTheMetricsOfTheContract() throws Exception {
    Set<String> contract = new TreeSet<>(dev.contentfunctions.testkit.MetricsContract.rows().keySet());
    Set<String> emitted = new TreeSet<>();
    long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
    do {
      emitted.clear();
      emitted.addAll(emittedMetricNames(run.output().substring(outputBeforeTheEvents)));
      if (emitted.equals(contract)) {
        break;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    assertThat(emitted).as("metric names in the run's output after the sample events").isEqualTo(contract);
  }

  /** The names of the metric lines of the run's output (FunctionLog's compact form). */
  static Set<String> emittedMetricNames(String output) {
    Set<String> names = new TreeSet<>();
    java.util.regex.Pattern metricLine = java.util.regex.Pattern.compile("  " + FunctionLog.METRIC + "  \\S+  (.*)$");
    for (String line : output.split("\n")) {
      java.util.regex.Matcher matcher = metricLine.matcher(line);
      if (matcher.find()) {
        for (String metric : matcher.group(1).split("  ")) {
          names.add(metric.split("[{=]", 2)[0]);
        }
      }
    }
    return names;
  }

  // ------------------------------------------------------------------ the read API

  private static void servesTheSeedPost(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("slug").asText()).isEqualTo(SEED_POST);
    assertThat(answer.headers().firstValue("etag")).isPresent();
  }

  private static void servesTheSeedPostsPage(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(answer.body())
        .contains("<link rel=\"canonical\" href=\"" + DEFAULT_SITE_URL + "/blog/" + SEED_POST + "\">")
        .contains("Book Free Consultation");
  }

  private static void revalidatesTheSeedPost(JsonNode event) throws Exception {
    Answer answer = send(event);
    if (answer.status() != 304) {
      ObjectNode unconditional = event.deepCopy();
      ((ObjectNode) unconditional.path("headers")).remove("if-none-match");
      String etag = send(unconditional).headers().firstValue("etag").orElse("(none)");
      throw new AssertionError(
          "events/api-get-post-if-none-match.json got "
              + answer.status()
              + ", not 304: its If-None-Match "
              + event.path("headers").path("if-none-match").asText()
              + " is not the seed post's ETag, which is now "
              + etag
              + " (a default local/run, content/ as checked in). Put that in the event"
              + " (events/README.md says when).");
    }
    assertThat(answer.body()).isEmpty();
  }

  private static void listsAPageOfPosts(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    int limit = event.path("queryStringParameters").path("limit").asInt();
    assertThat(answer.json().path("posts")).hasSize(limit);
    assertThat(answer.json().path("nextCursor").isTextual()).as("a next page").isTrue();
  }

  private static void listsTheTagsPosts(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    String tag = event.path("queryStringParameters").path("tag").asText();
    List<JsonNode> posts = list(answer.json().path("posts"));
    assertThat(posts)
        .isNotEmpty()
        .allSatisfy(post -> assertThat(texts(post.path("tags"))).contains(tag));
  }

  private static void listsRelatedPosts(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> slugs = new ArrayList<>();
    answer.json().path("posts").forEach(post -> slugs.add(post.path("slug").asText()));
    assertThat(slugs)
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(event.path("queryStringParameters").path("limit").asInt())
        .doesNotContain(SEED_POST);
  }

  private static void listsTags(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    Map<String, Integer> counts = new HashMap<>();
    answer
        .json()
        .path("tags")
        .forEach(t -> counts.put(t.path("tag").asText(), t.path("count").asInt()));
    assertThat(counts).isNotEmpty().containsKey("communication");
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).isPositive());
  }

  /** A feed: XML that links to the seed post at the site's address. */
  private static void servesXmlListingTheSeedPost(JsonNode event, String linkElement)
      throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type").orElse("")).contains("xml");
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
    NodeList links = xml.getElementsByTagName(linkElement);
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < links.getLength(); i++) {
      urls.add(links.item(i).getTextContent().trim());
    }
    assertThat(urls).contains(DEFAULT_SITE_URL + "/blog/" + SEED_POST);
  }

  /** The sitemap: an index of sitemaps (the site's pages, each month's posts), one of which lists the seed post. */
  private static void servesASitemapIndexLeadingToTheSeedPost(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.headers().firstValue("content-type").orElse("")).contains("xml");
    List<String> urls = new ArrayList<>();
    for (String sitemap : locs(answer.body())) {
      assertThat(sitemap).startsWith(DEFAULT_SITE_URL + "/sitemaps/");
      Answer page = apiGet(sitemap.substring(DEFAULT_SITE_URL.length()));
      assertThat(page.status()).as(sitemap).isEqualTo(200);
      urls.addAll(locs(page.body()));
    }
    assertThat(urls).contains(DEFAULT_SITE_URL + "/blog/" + SEED_POST);
  }

  private static List<String> locs(String body) throws Exception {
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    NodeList links = xml.getElementsByTagName("loc");
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < links.getLength(); i++) {
      urls.add(links.item(i).getTextContent().trim());
    }
    return urls;
  }

  // ------------------------------------------------------------------ the coach's API

  private static void listsTheSeededBooking(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(ids(answer.json().path("consultations"))).contains(SampleBooking.ID);
  }

  private static void marksTheSeededBookingHandled(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("id").asText()).isEqualTo(SampleBooking.ID);
    assertThat(answer.json().path("status").asText()).isEqualTo("handled");
  }

  private static void erasesTheSeededBooking(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().path("erased").asInt()).isEqualTo(1);
    Answer handled = apiGet("/coach/consultations?status=handled");
    assertThat(ids(handled.json().path("consultations"))).doesNotContain(SampleBooking.ID);
  }

  // ------------------------------------------------------------------ bookings

  private static void refusesTheBooking(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
  }

  private static void recordsTheBookingAndNotifies(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    awaitCoachNotified(answer.json().path("id").asText());
  }

  private static void recordsTheFormAndRedirects(JsonNode event) throws Exception {
    Answer answer = send(event);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(303);
    assertThat(answer.headers().firstValue("location")).contains(run.url("/thank-you"));
  }

  /**
   * The change the stream record announces, made to the run's table: the run's stream poller hands
   * the notifier that record, as Lambda's event source mapping would.
   */
  private static void notifiesTheCoach(JsonNode event) throws Exception {
    String table = LocalStack.generatedName(stackName, "ConsultationsTable");
    for (JsonNode record : event.path("Records")) {
      assertThat(record.path("eventName").asText()).isEqualTo("INSERT");
      Map<String, AttributeValue> image = item(record.path("dynamodb").path("NewImage"));
      dynamoDb.putItem(r -> r.tableName(table).item(image));
      awaitCoachNotified(image.get("id").s());
    }
  }

  // ------------------------------------------------------------------ the publisher

  /**
   * Applied as the run applies its bucket's events (from the publisher's event queue): the post's
   * record holds the event's sequencer, the API serves or no longer serves the post, and the
   * author's report says so.
   */
  private static void appliesTheS3Event(JsonNode event, boolean removed) throws Exception {
    String key = deliverToThePublisher(event, PostMapper::sourceKey);
    String bucket = event.path("Records").get(0).path("s3").path("bucket").path("name").asText();
    String slug = key.substring("posts/".length(), key.length() - ".md".length());
    assertThat(apiGet("/posts/" + slug).status()).isEqualTo(removed ? 404 : 200);
    ResponseBytes<GetObjectResponse> report =
        s3.getObjectAsBytes(r -> r.bucket(bucket).key("reports/" + key + ".json"));
    assertThat(JSON.readTree(report.asByteArray()).path("status").asText())
        .isEqualTo(removed ? "removed" : "published");
  }

  private static void processesTheImageAndShowsItInItsPost(JsonNode event) throws Exception {
    String key = deliverToThePublisher(event, PostMapper::imageKey);
    String bucket = event.path("Records").get(0).path("s3").path("bucket").path("name").asText();
    ResponseBytes<GetObjectResponse> report =
        s3.getObjectAsBytes(r -> r.bucket(bucket).key("reports/" + key + ".json"));
    JsonNode reported = JSON.readTree(report.asByteArray());
    String postKey = key.substring(0, key.lastIndexOf('/')) + ".md";
    assertThat(reported.path("status").asText()).isEqualTo("ready");
    assertThat(reported.path("usedBy").get(0).asText()).isEqualTo(postKey);
    String slug = postKey.substring("posts/".length(), postKey.length() - ".md".length());
    JsonNode picture = apiGet("/posts/" + slug).json().path("image");
    String path = URI.create(picture.path("url").asText()).getPath();
    HttpResponse<byte[]> variant =
        HTTP.send(HttpRequest.newBuilder(URI.create(run.url(path))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(variant.statusCode()).isEqualTo(200);
    assertThat(variant.headers().firstValue("content-type")).hasValue("image/jpeg");
    assertThat(variant.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
  }

  /**
   * Sends an S3 sample event to the publisher's local queue and waits until the record of its file
   * (named by {@code recordKey}) holds the event's sequencer; returns the file's key.
   */
  private static String deliverToThePublisher(
      JsonNode event, java.util.function.Function<String, Map<String, AttributeValue>> recordKey)
      throws InterruptedException {
    JsonNode s3Event = event.path("Records").get(0).path("s3");
    String key = s3Event.path("object").path("key").asText();
    String sequencer = s3Event.path("object").path("sequencer").asText().toUpperCase(Locale.ROOT);
    String queueUrl =
        sqs.getQueueUrl(r -> r.queueName(LocalStack.eventQueueName(stackName, "PublisherFunction")))
            .queueUrl();

    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(event.toString()));

    String postsTable = LocalStack.generatedName(stackName, "PostsTable");
    run.awaitWhileRunning(
        "the publisher applies " + key + "'s event with sequencer " + sequencer,
        EVENT_TIMEOUT,
        () -> {
          Map<String, AttributeValue> record =
              dynamoDb.getItem(r -> r.tableName(postsTable).key(recordKey.apply(key))).item();
          return record.get(PostMapper.SEQUENCER) != null
              && record.get(PostMapper.SEQUENCER).s().matches(sequencer + "0*");
        });
    return key;
  }

  // ------------------------------------------------------------------ helpers

  /** The HTTP API event as the request it records, sent to the run's API. */
  private static Answer send(JsonNode event) throws IOException, InterruptedException {
    String query = event.path("rawQueryString").asText("");
    URI uri =
        URI.create(run.url(event.path("rawPath").asText() + (query.isEmpty() ? "" : "?" + query)));
    byte[] body = new byte[0];
    if (event.path("body").isTextual()) {
      String text = event.path("body").asText();
      body =
          event.path("isBase64Encoded").asBoolean()
              ? Base64.getDecoder().decode(text)
              : text.getBytes(StandardCharsets.UTF_8);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .method(
                event.path("requestContext").path("http").path("method").asText(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    event
        .path("headers")
        .properties()
        .forEach(
            header -> {
              if (!SET_BY_THE_CLIENT.contains(header.getKey())) {
                request.header(header.getKey(), header.getValue().asText());
              }
            });
    return Answer.of(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  /** A response, its body decompressed. */
  private record Answer(int status, HttpHeaders headers, String body) {
    static Answer of(HttpResponse<byte[]> response) throws IOException {
      byte[] bytes = response.body();
      if (response.headers().firstValue("content-encoding").orElse("").equals("gzip")) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          bytes = gzip.readAllBytes();
        }
      }
      return new Answer(
          response.statusCode(), response.headers(), new String(bytes, StandardCharsets.UTF_8));
    }

    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /** A plain GET of the run's API, to look at what an event changed. */
  private static Answer apiGet(String path) throws IOException, InterruptedException {
    return Answer.of(
        HTTP.send(
            HttpRequest.newBuilder(URI.create(run.url(path))).build(),
            HttpResponse.BodyHandlers.ofByteArray()));
  }

  private static long publishedPosts() {
    try {
      Answer answer = apiGet("/posts?limit=50");
      return answer.status() == 200 ? answer.json().path("posts").size() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void awaitCoachNotified(String id) throws InterruptedException {
    String line = "CoachNotificationTopic  sent a notification for request " + id;
    run.awaitWhileRunning(
        "the coach is notified of " + id, EVENT_TIMEOUT, () -> run.output().contains(line));
  }

  private static List<String> ids(JsonNode consultations) {
    List<String> ids = new ArrayList<>();
    consultations.forEach(c -> ids.add(c.path("id").asText()));
    return ids;
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(item -> texts.add(item.asText()));
    return texts;
  }

  /** An item in DynamoDB's JSON, as stream records carry images. */
  private static Map<String, AttributeValue> item(JsonNode image) {
    Map<String, AttributeValue> item = new HashMap<>();
    image
        .properties()
        .forEach(attribute -> item.put(attribute.getKey(), value(attribute.getValue())));
    return item;
  }

  private static AttributeValue value(JsonNode typed) {
    Map.Entry<String, JsonNode> only = typed.properties().iterator().next();
    JsonNode value = only.getValue();
    return switch (only.getKey()) {
      case "S" -> AttributeValue.fromS(value.asText());
      case "N" -> AttributeValue.fromN(value.asText());
      case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
      case "NULL" -> AttributeValue.fromNul(true);
      case "SS" -> AttributeValue.fromSs(texts(value));
      case "L" -> AttributeValue.fromL(list(value).stream().map(SampleEventsIT::value).toList());
      case "M" -> AttributeValue.fromM(item(value));
      default ->
          throw new IllegalArgumentException("A sample event's attribute of type " + only.getKey());
    };
  }
}
