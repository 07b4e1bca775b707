package dev.contentfunctions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.MotoServer;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.localaws.TemplateResources;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local AWS the functions run against: moto with template.yaml's tables, bucket and coach
 * topic, every post of content/ uploaded (and published by the real publisher, see {@link
 * Bench}), and a generated ~1 MB post uploaded for the rendering measurements. Gives each function the environment Lambda would,
 * with the template's variables resolved to these resources.
 */
final class BenchStack implements AutoCloseable {
  static final String SEED_SLUG = "how-to-rebuild-emotional-connection-after-a-hard-season";
  static final String SEED_KEY = "posts/" + SEED_SLUG + ".md";
  static final String BIG_KEY = "posts/bench-one-megabyte.md";

  final MotoServer moto = MotoServer.start();
  final CloudFormationTemplate template = CloudFormationTemplate.load(RepoPaths.template());
  final Map<String, String> resources = new LinkedHashMap<>();
  final Map<String, String> versions = new LinkedHashMap<>();

  BenchStack() {
    TemplateResources create = new TemplateResources(template, moto);
    resources.put("PostsTable", create.createTable("PostsTable", TemplateResources.uniqueName("bench-posts")));
    resources.put(
        "ConsultationsTable",
        create.createTable("ConsultationsTable", TemplateResources.uniqueName("bench-consultations")));
    resources.put("ContentBucket", create.createBucket("ContentBucket", TemplateResources.uniqueName("bench-content")));
    // The publisher's image variants (issue 13): its MEDIA_BUCKET.
    resources.put("MediaBucket", create.createBucket("MediaBucket", TemplateResources.uniqueName("bench-media")));
    resources.put(
        "CoachNotificationTopic",
        moto.sns().createTopic(r -> r.name(TemplateResources.uniqueName("bench-coach"))).topicArn());
    resources.put(
        "AuthorTopic", moto.sns().createTopic(r -> r.name(TemplateResources.uniqueName("bench-author"))).topicArn());
    // The secrets the API functions read at init (their cold starts include those calls).
    resources.put(
        "HashingSecretValue",
        create.createSecret("HashingSecretValue", TemplateResources.uniqueName("bench-hashing"), BENCH_SECRET));
    resources.put(
        "PreviewTokenValue",
        create.createSecret("PreviewTokenValue", TemplateResources.uniqueName("bench-preview"), "{\"previewToken\":\"\"}"));
  }

  private static final String STACK_NAME = "bench";

  private static final String BENCH_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

  /**
   * Empties a table by deleting and recreating it under the same name. For the consultations table:
   * moto copies every table, streams included, for each transaction, so each booking stored makes
   * the next one slower (seconds after a few hundred); a booking measurement starts from empty.
   */
  void recreate(String logicalId) {
    String name = resources.get(logicalId);
    moto.dynamoDb().deleteTable(r -> r.tableName(name));
    new TemplateResources(template, moto).createTable(logicalId, name);
  }

  String bucket() {
    return resources.get("ContentBucket");
  }

  /**
   * Uploads content/posts/*.md (the seed post among them) and the 1 MB post; returns the posts of
   * content/ as {@code key=version}, for the publisher to publish (in a JVM with its environment).
   */
  List<String> upload() {
    List<String> uploaded = new ArrayList<>();
    try (Stream<Path> posts = Files.list(RepoPaths.root().resolve("content/posts"))) {
      // The posts' own files only: since issue 13 a post may have a folder of images beside it,
      // which the benchmark does not publish (a post with a missing image still publishes).
      for (Path post : posts.filter(Files::isRegularFile).sorted().toList()) {
        String key = "posts/" + post.getFileName();
        upload(key, Files.readAllBytes(post));
        uploaded.add(key + "=" + versions.get(key));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    upload(BIG_KEY, BigPost.markdown(1_000_000).getBytes(StandardCharsets.UTF_8));
    return uploaded;
  }

  /** Whether the seed post is in the posts table, as published. */
  boolean seedPublished() {
    return moto.dynamoDb()
        .getItem(r -> r.tableName(resources.get("PostsTable")).key(PostMapper.postKey(SEED_SLUG)))
        .hasItem();
  }

  private void upload(String key, byte[] bytes) {
    versions.put(
        key, moto.s3().putObject(r -> r.bucket(bucket()).key(key), RequestBody.fromBytes(bytes)).versionId());
  }

  /**
   * What Lambda sets for the function (its own variables from the template, resolved) plus the local
   * endpoint and test credentials in place of the execution role's.
   */
  Map<String, String> environment(String logicalId) {
    FunctionDefinition function =
        template.functions().stream()
            .filter(f -> f.logicalId().equals(logicalId))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No function " + logicalId + " in template.yaml"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_REGION", moto.region().id());
    env.put("AWS_DEFAULT_REGION", moto.region().id());
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_SESSION_TOKEN", "testing");
    env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    function.environment().forEach((name, value) -> env.put(name, resolve(value)));
    return env;
  }

  /**
   * A literal, !Ref to a resource created here, to a parameter (its default) or to AWS::StackId,
   * !Select of a !Split of those (ORIGIN_VERIFY is a part of the stack id), or a !Sub of the stack's
   * name (METRICS_NAMESPACE).
   */
  private String resolve(JsonNode value) {
    if (value.isValueNode()) {
      return value.asText();
    }
    JsonNode sub = value.path("Fn::Sub");
    if (sub.isTextual() && !sub.asText().replace("${AWS::StackName}", "").contains("${")) {
      return sub.asText().replace("${AWS::StackName}", STACK_NAME);
    }
    JsonNode select = value.path("Fn::Select");
    if (select.isArray() && select.path(1).has("Fn::Split")) {
      JsonNode split = select.path(1).path("Fn::Split");
      String[] parts = resolve(split.path(1)).split(java.util.regex.Pattern.quote(split.path(0).asText()), -1);
      return parts[select.path(0).asInt()];
    }
    String ref = value.path("Ref").asText(null);
    if ("AWS::StackId".equals(ref)) {
      return "arn:aws:cloudformation:" + moto.region().id() + ":123456789012:stack/" + STACK_NAME
          + "/6f1c2d3e-0000-4000-8000-00000000be7c";
    }
    if (ref != null && resources.containsKey(ref)) {
      return resources.get(ref);
    }
    JsonNode parameter = template.root().path("Parameters").path(ref == null ? "" : ref);
    if (parameter.has("Default")) {
      return parameter.get("Default").asText();
    }
    if (parameter.path("NoEcho").asBoolean(false)) {
      return BENCH_SECRET;
    }
    throw new IllegalArgumentException("Cannot resolve " + value + " for the benchmark");
  }

  @Override
  public void close() {
    moto.close();
  }
}
