package dev.contentfunctions.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.posts.PostsService.PostView;
import dev.contentfunctions.posts.PostsService.TagCount;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.http.Representation;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.localaws.Json;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostSummary;
import dev.contentfunctions.tables.posts.TocEntry;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/openapi.yaml against what the code writes: the JSON documents of {@link PostJson} and the
 * problem details of {@link Responses}, built from sample records, must fit their schemas with
 * exactly the documented property names, and the documented limits and header values must be the
 * code's. So a field added, renamed or made nullable in the code fails here until the document says
 * so too.
 */
class OpenApiDocumentTest {
  private static final PostJson JSON = new PostJson(new SiteUrl("https://www.example.com"));

  private static final PostSummary OLDER =
      new PostSummary(
          "listening-without-fixing",
          "Listening Without Fixing",
          "Why offering solutions too soon can leave a partner feeling alone.",
          Instant.parse("2025-07-08T07:30:00Z"),
          null,
          List.of("communication", "emotional-connection", "listening"),
          4,
          null);
  private static final PostSummary NEWER =
      new PostSummary(
          "mindfulness-for-relationships",
          "Mindfulness for Relationships",
          "How a few moments of mindful attention can calm reactive conversations.",
          Instant.parse("2025-09-15T00:00:00Z"),
          Instant.parse("2025-10-01T12:00:00Z"),
          List.of("mindfulness", "communication", "relationships"),
          6,
          new PostImage(
              "/media/3f2a9c/mindfulness-960.jpg",
              960,
              640,
              "Two cups of tea on a windowsill",
              List.of(
                  new ImageVariant("/media/3f2a9c/mindfulness-480.jpg", 480, 320),
                  new ImageVariant("/media/3f2a9c/mindfulness-960.jpg", 960, 640),
                  new ImageVariant("/media/3f2a9c/mindfulness-1600.jpg", 1600, 1067)),
              new ImageVariant("/media/3f2a9c/mindfulness-og.jpg", 1200, 630)));

  /** Every field set, neighbours on both sides: what a reader sees of a post in the middle. */
  private static final Post FULL =
      post(
          false,
          Instant.parse("2025-11-05T10:30:00Z"),
          "The Coach",
          "https://cdn.example.com/hard-season.jpg",
          List.of(
              new TocEntry(2, "Name the distance", "name-the-distance"),
              new TocEntry(3, "Small steps", "small-steps")));

  /** Every optional field absent: a draft without revision date, author, image or headings. */
  private static final Post BARE = post(true, null, null, null, List.of());

  private static JsonNode openApi;

  @BeforeAll
  static void load() throws IOException {
    openApi = new YAMLMapper().readTree(RepoPaths.root().resolve("docs/openapi.yaml").toFile());
  }

  @Test
  void postSummarySchemaHasExactlyTheFieldsPostJsonWrites() throws IOException {
    JsonNode summary = tree(JSON.page(new PostJson.Page(List.of(NEWER), null))).path("posts").get(0);

    assertThat(propertyNames("PostSummary")).isEqualTo(fieldNames(summary));
    assertThat(requiredNames("PostSummary")).isEqualTo(fieldNames(summary));
  }

  @Test
  void postSchemaHasExactlyTheFieldsPostJsonWrites() throws IOException {
    JsonNode post = tree(JSON.post(new PostView(FULL, OLDER, NEWER, false)));

    assertThat(propertyNames("Post")).isEqualTo(fieldNames(post));
    assertThat(requiredNames("Post")).isEqualTo(fieldNames(post));
  }

  static Stream<Arguments> documents() {
    String cursor =
        new CursorCodec("a-hashing-secret-of-at-least-32-chars")
            .encode("posts", List.of("2025-07-08T07:30:00Z", "listening-without-fixing"));
    return Stream.of(
        Arguments.of("PostPage", JSON.page(new PostJson.Page(List.of(NEWER, OLDER), cursor))),
        Arguments.of("PostPage", JSON.page(new PostJson.Page(List.of(OLDER), null))),
        Arguments.of("PostPage", JSON.page(new PostJson.Page(List.of(), null))),
        Arguments.of("RelatedPosts", JSON.related(List.of(NEWER, OLDER))),
        Arguments.of("TagList", JSON.tags(List.of(new TagCount("communication", 3), new TagCount("listening", 1)))),
        Arguments.of("Post", JSON.post(new PostView(FULL, OLDER, NEWER, false))),
        Arguments.of("Post", JSON.post(new PostView(BARE, null, null, true))),
        Arguments.of("ProblemDetails", problem(new ApiException.BadRequest("'limit' must be a whole number from 1 to 50."))),
        Arguments.of("ProblemDetails", problem(new ApiException.NotFound("There is no post 'no-such-post'."))),
        Arguments.of("ProblemDetails", problem(new ApiException.MethodNotAllowed("POST", ApiRoute.ALLOWED_METHODS))),
        Arguments.of(
            "ProblemDetails",
            problem(new ApiException.Unavailable("Briefly unavailable.", HttpEndpoint.RETRY_AFTER_SECONDS))),
        Arguments.of("ProblemDetails", Responses.unexpected("Kx3pQhYvIAMEbNw=").body()));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("documents")
  void everyDocumentTheCodeWritesFitsItsSchema(String schema, String document) throws IOException {
    List<String> violations = new ArrayList<>();
    check(tree(document), schema("#/components/schemas/" + schema), schema, violations);

    assertThat(violations).isEmpty();
  }

  @Test
  void eachJsonRouteDocumentsTheSchemaOfWhatItWrites() {
    Map<ApiRoute, String> schemas =
        Map.of(ApiRoute.POSTS, "PostPage", ApiRoute.POST, "Post", ApiRoute.RELATED, "RelatedPosts", ApiRoute.TAGS, "TagList");
    String mediaType = Responses.JSON.split(";")[0];

    schemas.forEach(
        (route, schema) -> {
          JsonNode ok = openApi.path("paths").path(route.path()).path("get").path("responses").path("200");

          assertThat(ok.at("/content/" + mediaType.replace("/", "~1") + "/schema/$ref").asText())
              .as(route.path())
              .isEqualTo("#/components/schemas/" + schema);
        });
  }

  @Test
  void everyProblemIsDocumentedAsProblemJson() {
    String mediaType = Responses.PROBLEM_JSON.split(";")[0];
    for (String response : List.of("BadRequest", "NotFound", "MethodNotAllowed", "ServiceUnavailable", "InternalServerError")) {
      assertThat(openApi.at("/components/responses/" + response + "/content").fieldNames())
          .toIterable()
          .as(response)
          .containsExactly(mediaType);
    }
  }

  @Test
  void documentedLimitsAreTheServices() {
    JsonNode page = openApi.at("/components/parameters/PageLimit/schema");
    JsonNode related = openApi.at("/components/parameters/RelatedLimit/schema");

    assertThat(List.of(page.path("minimum").asInt(), page.path("maximum").asInt(), page.path("default").asInt()))
        .containsExactly(1, PostsService.MAX_PAGE_SIZE, PostsService.DEFAULT_PAGE_SIZE);
    assertThat(List.of(related.path("minimum").asInt(), related.path("maximum").asInt(), related.path("default").asInt()))
        .containsExactly(1, PostsService.MAX_RELATED, PostsService.DEFAULT_RELATED);
  }

  @Test
  void documentedCachingHeadersAreTheOnesSent() {
    HttpApiResponse ok =
        new Representation("{\"tags\":[]}", Responses.JSON, Representation.PUBLIC).toResponse(Map.of(), false);
    HttpApiResponse problem =
        Responses.problem(new ApiException.NotFound("There is no post 'no-such-post'."), "Kx3pQhYvIAMEbNw=");

    assertThat(enumOf("CacheControlPublic")).containsExactly(Representation.PUBLIC);
    assertThat(enumOf("CacheControlPublicOrPreview")).containsExactlyInAnyOrder(Representation.PUBLIC, Representation.PRIVATE);
    assertThat(enumOf("CacheControlNoStore")).containsExactly(problem.headers().get("Cache-Control"));
    assertThat(Responses.unexpected("Kx3pQhYvIAMEbNw=").headers().get("Cache-Control"))
        .isEqualTo(problem.headers().get("Cache-Control"));
    assertThat(enumOf("Vary")).containsExactly(ok.headers().get("Vary"));
    assertThat(ok.headers().get("ETag")).matches(openApi.at("/components/headers/ETag/schema/pattern").asText());
  }

  @Test
  void documentedRetryAfterIsTheHandlers() {
    HttpApiResponse unavailable =
        Responses.problem(
            new ApiException.Unavailable("Briefly unavailable.", HttpEndpoint.RETRY_AFTER_SECONDS), "Kx3pQhYvIAMEbNw=");

    assertThat(enumOf("RetryAfter")).containsExactly(unavailable.headers().get("Retry-After"));
  }

  private static Post post(boolean draft, Instant updated, String author, String image, List<TocEntry> toc) {
    return new Post(
        "how-to-rebuild-emotional-connection-after-a-hard-season",
        "How to Rebuild Emotional Connection After a Hard Season",
        "Distance after a hard season can be repaired.",
        "A hard season can leave two people living side by side but feeling far apart.",
        Instant.parse("2025-11-03T00:00:00Z"),
        updated,
        List.of("relationships", "emotional-connection", "communication"),
        author,
        draft,
        image == null ? null : PostImage.external(image, ""),
        List.of("rebuilding-connection"),
        Map.of(),
        "<h2 id=\"name-the-distance\">Name the distance</h2><p>A hard season...</p>",
        toc,
        1240,
        7,
        "0f3c9a",
        "posts/how-to-rebuild-emotional-connection-after-a-hard-season.md",
        List.of());
  }

  private static String problem(ApiException e) {
    return Responses.problem(e, "Kx3pQhYvIAMEbNw=").body();
  }

  private static JsonNode tree(String json) throws IOException {
    return Json.MAPPER.readTree(json);
  }

  private static JsonNode schema(String ref) {
    JsonNode schema = openApi.at(ref.substring(1));
    assertThat(schema.isObject()).as("%s in docs/openapi.yaml", ref).isTrue();
    return schema;
  }

  private static Set<String> propertyNames(String schema) {
    Set<String> names = new TreeSet<>();
    schema("#/components/schemas/" + schema).path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> requiredNames(String schema) {
    Set<String> names = new TreeSet<>();
    schema("#/components/schemas/" + schema).path("required").forEach(name -> names.add(name.asText()));
    return names;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> enumOf(String header) {
    List<String> values = new ArrayList<>();
    openApi.at("/components/headers/" + header + "/schema/enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * The subset of JSON Schema the document uses, checked more strictly than a validator would: an
   * object must have exactly the documented properties (PostJson writes every field, null or not),
   * so an undocumented field is a violation rather than an allowed extra.
   */
  private static void check(JsonNode value, JsonNode schema, String where, List<String> violations) {
    if (schema.has("$ref")) {
      check(value, schema(schema.get("$ref").asText()), where, violations);
      return;
    }
    if (schema.has("oneOf")) {
      int fitting = 0;
      for (JsonNode alternative : schema.get("oneOf")) {
        List<String> own = new ArrayList<>();
        check(value, alternative, where, own);
        fitting += own.isEmpty() ? 1 : 0;
      }
      if (fitting != 1) {
        violations.add(where + ": fits " + fitting + " of the oneOf alternatives, not exactly one");
      }
      return;
    }
    if (schema.has("type")) {
      Set<String> types = new TreeSet<>();
      if (schema.get("type").isArray()) {
        schema.get("type").forEach(t -> types.add(t.asText()));
      } else {
        types.add(schema.get("type").asText());
      }
      String actual = typeOf(value);
      if (!types.contains(actual) && !(actual.equals("integer") && types.contains("number"))) {
        violations.add(where + ": is " + actual + ", documented as " + types);
        return;
      }
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      violations.add(where + ": " + value + " is not one of " + schema.get("enum"));
    }
    if (value.isTextual()) {
      checkText(value.asText(), schema, where, violations);
    } else if (value.isNumber()) {
      if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
        violations.add(where + ": " + value + " is below the minimum " + schema.get("minimum"));
      }
      if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
        violations.add(where + ": " + value + " is above the maximum " + schema.get("maximum"));
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        check(value.get(i), schema.get("items"), where + "[" + i + "]", violations);
      }
    } else if (value.isObject()) {
      Set<String> documented = new TreeSet<>();
      schema.path("properties").fieldNames().forEachRemaining(documented::add);
      if (!documented.equals(fieldNames(value))) {
        violations.add(where + ": has fields " + fieldNames(value) + ", documented " + documented);
      }
      schema.path("required").forEach(
          name -> {
            if (!value.has(name.asText())) {
              violations.add(where + ": lacks the required " + name.asText());
            }
          });
      schema.path("properties").fields().forEachRemaining(
          property -> {
            if (value.has(property.getKey())) {
              check(value.get(property.getKey()), property.getValue(), where + "." + property.getKey(), violations);
            }
          });
    }
  }

  private static void checkText(String text, JsonNode schema, String where, List<String> violations) {
    // OpenAPI patterns are ECMA-262 regular expressions, which match anywhere unless anchored.
    if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(text).find()) {
      violations.add(where + ": '" + text + "' does not match " + schema.get("pattern").asText());
    }
    if (schema.has("maxLength") && text.codePointCount(0, text.length()) > schema.get("maxLength").asInt()) {
      violations.add(where + ": is longer than " + schema.get("maxLength"));
    }
    if (schema.has("minLength") && text.codePointCount(0, text.length()) < schema.get("minLength").asInt()) {
      violations.add(where + ": is shorter than " + schema.get("minLength"));
    }
    String format = schema.path("format").asText();
    try {
      switch (format) {
        case "date-time" -> OffsetDateTime.parse(text);
        case "uri" -> {
          if (!URI.create(text).isAbsolute()) {
            violations.add(where + ": '" + text + "' is not an absolute URI");
          }
        }
        case "uri-reference" -> URI.create(text);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      violations.add(where + ": '" + text + "' is not a " + format);
    }
  }

  private static String typeOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case NULL, MISSING -> "null";
      case BOOLEAN -> "boolean";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      case STRING -> "string";
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case BINARY -> "binary";
    };
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value) || (candidate.isNumber() && value.isNumber() && candidate.asLong() == value.asLong())) {
        return true;
      }
    }
    return false;
  }
}
