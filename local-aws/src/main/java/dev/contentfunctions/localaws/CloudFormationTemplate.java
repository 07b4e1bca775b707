package dev.contentfunctions.localaws;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CloudFormation/SAM template as JSON trees.
 *
 * <p>Short-form intrinsic functions are read into their long form, as CloudFormation itself does:
 * {@code !Ref X} becomes {@code {"Ref": "X"}}, {@code !GetAtt A.Arn} becomes {@code {"Fn::GetAtt":
 * ["A", "Arn"]}}, {@code !Sub s} becomes {@code {"Fn::Sub": "s"}}. So a reference stays
 * distinguishable from a literal string, which the local run needs to put its own resource names in
 * its place.
 */
public final class CloudFormationTemplate {

  private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
  private static final Set<String> INTRINSICS =
      Set.of(
          "Base64",
          "Cidr",
          "Equals",
          "And",
          "Or",
          "Not",
          "If",
          "FindInMap",
          "GetAtt",
          "GetAZs",
          "ImportValue",
          "Join",
          "Length",
          "Select",
          "Split",
          "Sub",
          "ToJsonString",
          "Transform");
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Path path;
  private final JsonNode root;

  private CloudFormationTemplate(Path path, JsonNode root) {
    this.path = path;
    this.root = root;
  }

  public static CloudFormationTemplate load(Path templateYaml) {
    try (Reader reader = Files.newBufferedReader(templateYaml);
        YAMLParser parser = YAML.createParser(reader)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(templateYaml + " is not a YAML mapping");
      }
      return new CloudFormationTemplate(templateYaml, read(parser));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + templateYaml, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The whole template, for sections this class has no accessor for (Globals, Outputs, ...). */
  public JsonNode root() {
    return root;
  }

  /** The resource's {@code Type}; throws if the template has no such resource. */
  public String type(String logicalId) {
    return resource(logicalId).path("Type").asText();
  }

  /**
   * The resource's {@code Properties} (an empty object if it has none); throws if there is no such
   * resource.
   */
  public JsonNode properties(String logicalId) {
    return properties(resource(logicalId));
  }

  /** Logical id to {@code Properties} of every resource of that type, in template order. */
  public Map<String, JsonNode> propertiesByType(String type) {
    Map<String, JsonNode> matching = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.path("Resources").properties()) {
      if (type.equals(entry.getValue().path("Type").asText())) {
        matching.put(entry.getKey(), properties(entry.getValue()));
      }
    }
    return matching;
  }

  /**
   * How the CloudFront distribution {@code logicalId} routes requests to its origins.
   *
   * @throws IllegalArgumentException if the template has no such distribution
   */
  public CdnBehaviours cdnBehaviours(String logicalId) {
    return CdnBehaviours.read(this, logicalId);
  }

  /** Every {@code AWS::Serverless::Function}, with {@code Globals.Function} applied. */
  public List<FunctionDefinition> functions() {
    JsonNode globals = root.path("Globals").path("Function");
    List<FunctionDefinition> functions = new ArrayList<>();
    propertiesByType(SERVERLESS_FUNCTION)
        .forEach(
            (logicalId, properties) -> {
              Map<String, JsonNode> environment = new LinkedHashMap<>();
              globals
                  .path("Environment")
                  .path("Variables")
                  .properties()
                  .forEach(e -> environment.put(e.getKey(), e.getValue()));
              properties
                  .path("Environment")
                  .path("Variables")
                  .properties()
                  .forEach(e -> environment.put(e.getKey(), e.getValue()));
              List<FunctionDefinition.Event> events = new ArrayList<>();
              properties
                  .path("Events")
                  .properties()
                  .forEach(
                      e ->
                          events.add(
                              new FunctionDefinition.Event(
                                  e.getKey(),
                                  e.getValue().path("Type").asText(),
                                  properties(e.getValue()))));
              functions.add(
                  new FunctionDefinition(
                      logicalId,
                      text(properties, globals, "CodeUri"),
                      text(properties, globals, "Handler"),
                      environment,
                      events));
            });
    return functions;
  }

  private JsonNode resource(String logicalId) {
    JsonNode resource = root.path("Resources").path(logicalId);
    if (!resource.isObject()) {
      throw new IllegalArgumentException("No resource " + logicalId + " in " + path);
    }
    return resource;
  }

  private static JsonNode properties(JsonNode resourceOrEvent) {
    JsonNode properties = resourceOrEvent.path("Properties");
    return properties.isObject() ? properties : NODES.objectNode();
  }

  private static String text(JsonNode properties, JsonNode globals, String name) {
    JsonNode value = properties.has(name) ? properties.get(name) : globals.path(name);
    return value.isValueNode() ? value.asText() : null;
  }

  /** Builds the tree by hand because Jackson's own tree reader drops YAML tags. */
  private static JsonNode read(YAMLParser parser) throws IOException {
    // The tag belongs to the event at the start of the node: read it before moving on.
    String tag = parser.getTypeId();
    JsonNode node;
    switch (parser.currentToken()) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, read(parser));
        }
        node = object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(read(parser));
        }
        node = array;
      }
      case VALUE_NULL -> node = NullNode.getInstance();
      default -> node = MAPPER.readTree(parser);
    }
    return tag == null ? node : intrinsic(tag, node);
  }

  private static JsonNode intrinsic(String tag, JsonNode argument) {
    if (tag.equals("Ref") || tag.equals("Condition")) {
      return NODES.objectNode().set(tag, argument);
    }
    if (!INTRINSICS.contains(tag)) {
      return argument; // a YAML tag such as !!str, not a CloudFormation function
    }
    if (tag.equals("GetAtt") && argument.isTextual()) {
      // !GetAtt Resource.Attribute; the attribute itself may contain dots (Endpoint.Address).
      String text = argument.asText();
      int dot = text.indexOf('.');
      if (dot > 0) {
        argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
      }
    }
    return NODES.objectNode().set("Fn::" + tag, argument);
  }
}
