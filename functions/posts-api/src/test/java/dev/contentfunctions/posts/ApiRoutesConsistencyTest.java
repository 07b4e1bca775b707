package dev.contentfunctions.posts;

import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read API's routes are declared three times: in the handler's router ({@link ApiRoute}), in
 * template.yaml (what API Gateway sends to the function) and in docs/openapi.yaml (what clients are
 * told). A route missing from the template is unreachable, one missing from the router is a 404 the
 * template promised to serve, and one missing from the document is a route nobody knows of.
 */
class ApiRoutesConsistencyTest {
  private static final String FUNCTION = "PostsApiFunction";

  /** The operations an OpenAPI path item may hold; its other keys (parameters, summary...) are not methods. */
  private static final Set<String> OPENAPI_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");

  private static JsonNode openApi;
  /** The API's routes: the HttpApi events with a Path (the other, $default, takes the site's pages). */
  private static List<FunctionDefinition.Event> httpApiEvents;

  private static List<FunctionDefinition.Event> defaultRoutes;

  @BeforeAll
  static void load() throws IOException {
    openApi = new YAMLMapper().readTree(RepoPaths.root().resolve("docs/openapi.yaml").toFile());
    FunctionDefinition function =
        CloudFormationTemplate.load(RepoPaths.template()).functions().stream()
            .filter(f -> f.logicalId().equals(FUNCTION))
            .findFirst()
            .orElseThrow(() -> new AssertionError("template.yaml has no " + FUNCTION));
    List<FunctionDefinition.Event> all = function.events().stream().filter(e -> e.type().equals("HttpApi")).toList();
    httpApiEvents = all.stream().filter(e -> e.properties().has("Path")).toList();
    defaultRoutes = all.stream().filter(e -> !e.properties().has("Path")).toList();
  }

  @Test
  void everyPathNoRouteTakesReachesTheFunctionsPages() {
    // An HttpApi event without Path and Method is SAM's $default route: every method, every other path.
    assertThat(defaultRoutes).hasSize(1);
    assertThat(defaultRoutes.get(0).properties().has("Method")).isFalse();
  }

  @Test
  void templateDocumentAndRouterDeclareTheSamePaths() {
    Set<String> router = Arrays.stream(ApiRoute.values()).map(ApiRoute::path).collect(toCollection(TreeSet::new));

    assertThat(templatePaths()).as("template.yaml %s HttpApi events", FUNCTION).isEqualTo(router);
    assertThat(documentedPaths()).as("docs/openapi.yaml paths").isEqualTo(router);
  }

  @Test
  void templateDeclaresEachPathOnce() {
    List<String> paths = httpApiEvents.stream().map(e -> e.properties().path("Path").asText()).toList();

    assertThat(paths).doesNotHaveDuplicates();
  }

  @Test
  void templateSendsEveryMethodToTheFunction() {
    // ANY, so that a wrong method reaches the handler and gets its 405 with Allow, not API Gateway's 404.
    assertThat(httpApiEvents)
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.properties().path("Method").asText()).as(e.name()).isEqualTo("ANY"));
  }

  @Test
  void handlerAllowsReadingAndOptionsOnly() {
    assertThat(allowedMethods()).containsExactlyInAnyOrder("get", "head", "options");
  }

  @Test
  void everyPathDocumentsExactlyTheMethodsTheHandlerAllows() {
    for (String path : documentedPaths()) {
      Set<String> methods = new TreeSet<>();
      openApi.path("paths").path(path).fieldNames().forEachRemaining(methods::add);
      methods.retainAll(OPENAPI_METHODS);

      assertThat(methods).as(path).isEqualTo(allowedMethods());
    }
  }

  @Test
  void documentedAllowHeaderIsTheHandlers() {
    JsonNode allow = openApi.at("/components/headers/Allow/schema/enum");

    assertThat(allow.size()).isEqualTo(1);
    assertThat(allow.get(0).asText()).isEqualTo(ApiRoute.ALLOWED_METHODS);
  }

  @Test
  void everyPathParameterOfAPathIsDocumentedForIt() {
    for (String path : documentedPaths()) {
      Set<String> placeholders = new TreeSet<>();
      Matcher matcher = PLACEHOLDER.matcher(path);
      while (matcher.find()) {
        placeholders.add(matcher.group(1));
      }
      JsonNode pathItem = openApi.path("paths").path(path);
      for (String method : allowedMethods()) {
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        pathItem.path(method).path("parameters").forEach(parameters::add);
        Set<String> documented =
            parameters.stream()
                .map(ApiRoutesConsistencyTest::resolve)
                .filter(p -> p.path("in").asText().equals("path"))
                .map(p -> p.path("name").asText())
                .collect(toCollection(TreeSet::new));

        assertThat(documented).as("%s %s path parameters", method, path).isEqualTo(placeholders);
      }
    }
  }

  private static Set<String> templatePaths() {
    return httpApiEvents.stream().map(e -> e.properties().path("Path").asText()).collect(toCollection(TreeSet::new));
  }

  /** The read API's paths: every documented path but those of other functions (booking requests). */
  private static Set<String> documentedPaths() {
    Set<String> paths = new TreeSet<>();
    openApi.path("paths").fields().forEachRemaining(path -> {
      boolean otherFunction = path.getValue().path("post").path("tags").toString().contains("consultations");
      if (!otherFunction) {
        paths.add(path.getKey());
      }
    });
    return paths;
  }

  private static Set<String> allowedMethods() {
    return Arrays.stream(ApiRoute.ALLOWED_METHODS.split(","))
        .map(m -> m.trim().toLowerCase(Locale.ROOT))
        .collect(toSet());
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    return ref == null ? node : resolve(openApi.at(ref.asText().substring(1)));
  }
}
