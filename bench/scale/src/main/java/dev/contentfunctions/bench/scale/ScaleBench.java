package dev.contentfunctions.bench.scale;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.bench.scale.GeneratedPosts.Generated;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.HttpApiRequest;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.StreamInvocation;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.posts.ListingCursors;
import dev.contentfunctions.posts.PostsApiConfig;
import dev.contentfunctions.posts.PostsApiHandler;
import dev.contentfunctions.publishing.ObjectChange;
import dev.contentfunctions.publishing.PublishingService;
import dev.contentfunctions.publishing.S3PostFiles;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.tables.posts.DynamoDbPostRepository;
import dev.contentfunctions.tables.posts.DynamoDbPublicationRepository;
import dev.contentfunctions.tables.posts.ListPosition;
import dev.contentfunctions.tables.posts.Listing;
import dev.contentfunctions.tables.posts.PostMapper;
import dev.contentfunctions.tables.posts.PublicationPlan;
import dev.contentfunctions.tables.posts.Slug;
import dev.contentfunctions.tables.posts.SourceVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 16's benchmark: a blog of 100, then 1,000, then 10,000 generated posts on moto, each size
 * loaded on top of the last. Most posts are bulk-written (BatchWriteItem) with exactly the items
 * {@link PublicationPlan} writes for them (their count changes summed per shard and added with one
 * UpdateItem each), and the last few of each size go through the real publisher (Markdown in S3,
 * {@link PublishingService}, one transaction each). Then every read route is invoked through
 * {@link PostsApiHandler} in this JVM, counting what its DynamoDB client asks and gets, and the
 * answers of /tags and the sitemap are checked against the generated posts.
 */
public final class ScaleBench {
  private static final String SITE = "https://coach.example";
  /** A fresh cursor key per run, as each deployment derives its own. */
  private static final String SECRET = java.util.UUID.randomUUID().toString();

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final GeneratedPosts generator = new GeneratedPosts(now);
  private final List<Generated> loaded = new ArrayList<>();
  private final int runs;
  private final int slice;

  private final MotoServer moto = MotoServer.start();
  private final String table;
  private final String bucket;
  private final DynamoDbClient plain;
  private final Reads reads = new Reads();
  private final PostsApiHandler api;
  private final PublishingService publisher;
  private final S3Client s3;
  private final List<String> notes = new ArrayList<>();
  private final List<Long> publishMillis = new ArrayList<>();

  private ScaleBench(int runs, int slice) {
    this.runs = runs;
    this.slice = slice;
    TemplateResources resources = new TemplateResources(CloudFormationTemplate.load(RepoPaths.template()), moto);
    table = resources.createTable("PostsTable", TemplateResources.uniqueName("scale-posts"));
    bucket = resources.createBucket("ContentBucket", TemplateResources.uniqueName("scale-content"));
    plain = moto.dynamoDb();
    s3 = moto.s3();
    DynamoDbClient counted =
        DynamoDbClient.builder()
            .endpointOverride(moto.endpoint())
            .region(moto.region())
            .credentialsProvider(moto.credentials())
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(reads))
            .build();
    api =
        new PostsApiHandler(
            new PostsApiConfig(table, SITE, "Scale Blog", null, SECRET, null),
            new DynamoDbPostRepository(counted, table),
            Clock.systemUTC(),
            Log.to(line -> {}, Log.Level.ERROR, Clock.systemUTC()));
    publisher =
        new PublishingService(
            new S3PostFiles(s3),
            new DynamoDbPublicationRepository(plain, table, Clock.systemUTC()),
            new FrontMatterParser(),
            new MarkdownRenderer(),
            Clock.systemUTC());
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    List<Integer> sizes =
        Arrays.stream(options.getOrDefault("sizes", "100,1000,10000").split(",")).map(Integer::parseInt).toList();
    int runs = Integer.parseInt(options.getOrDefault("runs", "15"));
    int slice = Integer.parseInt(options.getOrDefault("slice", "10"));
    Path out = Path.of(options.getOrDefault("out", "bench/scale/target/scale.md"));
    ScaleBench bench = new ScaleBench(runs, slice);
    try {
      Map<Integer, List<Row>> results = new LinkedHashMap<>();
      for (int size : sizes) {
        long start = System.nanoTime();
        bench.loadUpTo(size);
        System.err.printf("loaded %d posts in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        bench.check();
        results.put(size, bench.measure());
      }
      if (Boolean.parseBoolean(options.getOrDefault("moto-limit", "true"))) {
        bench.motoLimit();
      }
      String report = bench.report(results);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, report);
      System.out.println(report);
    } finally {
      bench.moto.close();
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    return options;
  }

  // ------------------------------------------------------------------ loading

  /**
   * Loads posts up to {@code size}: first {@link #slice} through the publisher, then the rest in
   * bulk. The slice goes first because moto copies the whole table for each transaction: at 10,000
   * posts one transaction takes longer than a client waits ({@link #motoLimit} measures it).
   */
  private void loadUpTo(int size) {
    int from = loaded.size();
    int sliceEnd = Math.min(size, from + slice);
    for (int i = from; i < sliceEnd; i++) {
      Generated generated = generator.post(i);
      String versionId =
          s3.putObject(r -> r.bucket(bucket).key(generated.key()), RequestBody.fromString(generated.markdown(), StandardCharsets.UTF_8))
              .versionId();
      long start = System.nanoTime();
      PublishingService.Outcome outcome = publisher.apply(new ObjectChange(bucket, generated.key(), versionId, null, false));
      publishMillis.add((System.nanoTime() - start) / 1_000_000);
      if (outcome.kind() != PublishingService.Outcome.Kind.PUBLISHED) {
        throw new IllegalStateException("the publisher did not publish " + generated.key() + ": " + outcome);
      }
      loaded.add(generated);
    }
    List<Map<String, AttributeValue>> puts = new ArrayList<>();
    Map<Map<String, AttributeValue>, Map<String, Long>> additions = new HashMap<>();
    for (int i = sliceEnd; i < size; i++) {
      Generated generated = generator.post(i);
      PublicationPlan plan =
          PublicationPlan.publish(
              generated.post(), new SourceVersion(generated.key(), null, null), Optional.empty(), null, now);
      for (PublicationPlan.Write write : plan.writes()) {
        switch (write.kind()) {
          case PUT -> puts.add(write.item());
          case ADD -> {
            Map<String, AttributeValue> key =
                Map.of(PostMapper.PK, write.item().get(PostMapper.PK), PostMapper.SK, write.item().get(PostMapper.SK));
            Map<String, Long> sums = additions.computeIfAbsent(key, k -> new TreeMap<>());
            write.item().forEach((name, value) -> {
              if (!key.containsKey(name)) {
                sums.merge(name, Long.parseLong(value.n()), Long::sum);
              }
            });
          }
          case DELETE, CHECK -> throw new IllegalStateException("a first publish deletes or checks nothing");
        }
      }
      loaded.add(generated);
    }
    batchWrite(puts);
    additions.forEach(this::add);
  }

  /**
   * One more post through the publisher into the full table, with a client that waits up to 10
   * minutes and does not retry: how long moto takes for one transaction at this size.
   */
  private void motoLimit() {
    DynamoDbClient patient =
        DynamoDbClient.builder()
            .endpointOverride(moto.endpoint())
            .region(moto.region())
            .credentialsProvider(moto.credentials())
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
                .socketTimeout(java.time.Duration.ofMinutes(10)).build())
            .overrideConfiguration(c -> c.retryPolicy(software.amazon.awssdk.core.retry.RetryPolicy.none())
                .apiCallTimeout(java.time.Duration.ofMinutes(10)).apiCallAttemptTimeout(java.time.Duration.ofMinutes(10)))
            .build();
    PublishingService slow =
        new PublishingService(new S3PostFiles(s3), new DynamoDbPublicationRepository(patient, table, Clock.systemUTC()),
            new FrontMatterParser(), new MarkdownRenderer(), Clock.systemUTC());
    Generated generated = generator.post(loaded.size());
    String versionId =
        s3.putObject(r -> r.bucket(bucket).key(generated.key()), RequestBody.fromString(generated.markdown(), StandardCharsets.UTF_8))
            .versionId();
    long start = System.nanoTime();
    try {
      PublishingService.Outcome outcome = slow.apply(new ObjectChange(bucket, generated.key(), versionId, null, false));
      notes.add(String.format("moto's own limit: one post through the publisher into the %,d-post table took %.0f s (%s); "
          + "moto copies the table for every transaction", loaded.size(), (System.nanoTime() - start) / 1e9, outcome.kind()));
      loaded.add(generated);
    } catch (RuntimeException e) {
      notes.add(String.format("moto's own limit: one post through the publisher into the %,d-post table had no answer after %.0f s (%s)",
          loaded.size(), (System.nanoTime() - start) / 1e9, e.getClass().getSimpleName()));
    }
  }

  private void batchWrite(List<Map<String, AttributeValue>> items) {
    for (int from = 0; from < items.size(); from += 25) {
      List<WriteRequest> batch =
          items.subList(from, Math.min(items.size(), from + 25)).stream()
              .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
              .toList();
      Map<String, List<WriteRequest>> pending = Map.of(table, batch);
      while (!pending.isEmpty()) {
        Map<String, List<WriteRequest>> request = pending;
        BatchWriteItemResponse response = plain.batchWriteItem(r -> r.requestItems(request));
        pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        pending = pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
      }
    }
  }

  /** The summed count changes of the bulk-written posts, added as the publisher adds them. */
  private void add(Map<String, AttributeValue> key, Map<String, Long> sums) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Long> sum : sums.entrySet()) {
      names.put("#n" + i, sum.getKey());
      values.put(":n" + i, AttributeValue.fromN(Long.toString(sum.getValue())));
      parts.add("#n" + i + " :n" + i);
      i++;
    }
    plain.updateItem(
        r -> r.tableName(table).key(key).updateExpression("ADD " + String.join(", ", parts))
            .expressionAttributeNames(names).expressionAttributeValues(values));
  }

  // ------------------------------------------------------------------ the oracle

  private List<Generated> due() {
    Instant at = Instant.now();
    return loaded.stream()
        .filter(p -> p.dueAt(at))
        .sorted(Comparator.comparing(Generated::date).thenComparing(Generated::slug).reversed())
        .toList();
  }

  /** /tags and the sitemap say what the generated posts say: exact counts, every due post once. */
  private void check() {
    List<Generated> due = due();
    Map<String, Long> expected =
        due.stream().flatMap(p -> p.tags().stream()).collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
    String tags = get("/tags").getBody();
    for (Map.Entry<String, Long> tag : expected.entrySet()) {
      String entry = "{\"tag\":\"" + tag.getKey() + "\",\"count\":" + tag.getValue() + "}";
      if (!tags.replace(" ", "").contains(entry)) {
        throw new IllegalStateException("/tags does not say " + entry + ": " + tags);
      }
    }
    String index = get("/sitemap.xml").getBody();
    int urls = 0;
    java.util.regex.Matcher loc = java.util.regex.Pattern.compile("<loc>" + SITE + "(/sitemaps/posts-[^<]+)</loc>").matcher(index);
    while (loc.find()) {
      String page = get(loc.group(1)).getBody();
      urls += page.split("<url>", -1).length - 1;
    }
    if (urls != due.size()) {
      throw new IllegalStateException("the sitemap's month pages list " + urls + " posts, not the " + due.size() + " due");
    }
    notes.add(String.format("%,d posts (%,d due): /tags matches the generated posts' counts exactly; the sitemap's %d month pages list every due post once",
        loaded.size(), due.size(), index.split("<sitemap>", -1).length - 2));
  }

  // ------------------------------------------------------------------ measuring

  record Row(String route, Reads.Tally tally, long billedBytes, double billedUnits, int answerBytes, double medianMillis, double p90Millis) {}

  private List<Row> measure() {
    List<Generated> due = due();
    Generated middle = due.get(due.size() / 2);
    Generated fourTags = due.stream().filter(p -> p.tags().size() == 4).findFirst().orElse(middle);
    String busiestTag =
        due.stream().flatMap(p -> p.tags().stream()).collect(Collectors.groupingBy(t -> t, Collectors.counting()))
            .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    YearMonth busiestMonth =
        due.stream().collect(Collectors.groupingBy(p -> YearMonth.from(p.date().atOffset(ZoneOffset.UTC)), Collectors.counting()))
            .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    String deepCursor =
        new ListingCursors(SECRET).encode(new ListPosition(middle.date(), new Slug(middle.slug())), Listing.published());

    Map<String, String> routes = new LinkedHashMap<>();
    routes.put("GET /posts (first page)", "/posts");
    routes.put("GET /posts (a page half-way down)", "/posts?cursor=" + java.net.URLEncoder.encode(deepCursor, StandardCharsets.UTF_8));
    routes.put("GET /posts?tag= (the most used tag)", "/posts?tag=" + busiestTag);
    routes.put("GET /posts/{slug}", "/posts/" + middle.slug());
    routes.put("GET /posts/{slug}/related (" + fourTags.tags().size() + " tags)", "/posts/" + fourTags.slug() + "/related");
    routes.put("GET /tags", "/tags");
    routes.put("GET /sitemap.xml (the index)", "/sitemap.xml");
    routes.put("GET /sitemaps/pages.xml", "/sitemaps/pages.xml");
    routes.put("GET /sitemaps/posts-YYYY-MM.xml (the busiest month)", "/sitemaps/posts-" + busiestMonth + ".xml");
    routes.put("GET /feed.xml", "/feed.xml");
    routes.put("GET /blog/{slug} (the post's page)", "/blog/" + fourTags.slug());

    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, String> route : routes.entrySet()) {
      get(route.getValue()); // warm
      reads.start();
      APIGatewayV2HTTPResponse response = get(route.getValue());
      Reads.Tally tally = reads.stop();
      if (response.getStatusCode() != 200) {
        throw new IllegalStateException(route.getValue() + " answered " + response.getStatusCode() + ": " + response.getBody());
      }
      long billed = tally.bytes();
      double units = tally.readUnits();
      // A Query with a projection is billed for the whole index items it reads: replayed without.
      for (QueryRequest projected : tally.projected()) {
        QueryRequest whole = projected.toBuilder().projectionExpression(null).expressionAttributeNames(null).build();
        long projectedBytes = plain.query(projected).items().stream().mapToLong(Reads::size).sum();
        long wholeBytes = plain.query(whole).items().stream().mapToLong(Reads::size).sum();
        billed += wholeBytes - projectedBytes;
        units += Reads.units(wholeBytes) - Reads.units(projectedBytes);
      }
      double[] millis = new double[runs];
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        get(route.getValue());
        millis[i] = (System.nanoTime() - start) / 1e6;
      }
      Arrays.sort(millis);
      rows.add(new Row(route.getKey(), tally, billed, units, response.getBody().getBytes(StandardCharsets.UTF_8).length,
          millis[runs / 2], millis[Math.min(runs - 1, (int) Math.ceil(runs * 0.9) - 1)]));
    }
    return rows;
  }

  private APIGatewayV2HTTPResponse get(String pathAndQuery) {
    return StreamInvocation.http(
        api, HttpApiRequest.of("GET", pathAndQuery).header("host", "coach.example").build(), new LocalContext("PostsApiFunction"));
  }

  // ------------------------------------------------------------------ the report

  private String report(Map<Integer, List<Row>> results) {
    List<Integer> sizes = List.copyOf(results.keySet());
    StringBuilder out = new StringBuilder();
    out.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" with `bench/scale/run --runs ")
        .append(runs).append(" --slice ").append(slice).append("`, on moto, in one JVM; latency is moto's, not DynamoDB's.\n\n");
    out.append("| route |");
    sizes.forEach(size -> out.append(String.format(" %,d posts |", size)));
    out.append("\n|---|");
    sizes.forEach(size -> out.append("---|"));
    out.append('\n');
    List<Row> first = results.get(sizes.get(0));
    for (int r = 0; r < first.size(); r++) {
      out.append("| ").append(first.get(r).route()).append(" |");
      for (int size : sizes) {
        Row row = results.get(size).get(r);
        out.append(String.format(" %s; %,d items, %s read (%.1f RCU); answer %s; %.0f ms (p90 %.0f) |",
            row.tally().requestsText(), row.tally().items(), bytes(row.billedBytes()), row.billedUnits(),
            bytes(row.answerBytes()), row.medianMillis(), row.p90Millis()));
      }
      out.append('\n');
    }
    out.append('\n');
    notes.forEach(note -> out.append("- ").append(note).append('\n'));
    if (!publishMillis.isEmpty()) {
      List<Long> sorted = publishMillis.stream().sorted().toList();
      out.append(String.format("- the %d posts published through the publisher (Markdown from S3, rendered, one TransactWriteItems each), at the start of each size: median %d ms, max %d ms on moto%n",
          sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1)));
    }
    return out.toString();
  }

  private static String bytes(long bytes) {
    return bytes < 10_000 ? String.format("%,d B", bytes) : String.format("%,.0f KB", bytes / 1024.0);
  }
}
