package dev.contentfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of the template as the local stack sees them: literals, and the intrinsic functions the
 * template uses for names and environment variables ({@code !Ref}, {@code !GetAtt X.Attribute},
 * {@code !Sub}), resolved against the resources created locally, the parameters (the local run's
 * values, else the template's defaults, else a random value for a NoEcho one) and the pseudo
 * parameters of a stack in moto's default account.
 */
final class TemplateValues {
  static final String REGION = "us-east-1";
  static final String ACCOUNT_ID = "123456789012"; // moto's default account
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CloudFormationTemplate template;
  private final String stackName;
  private final Map<String, String> parameters;
  private final Map<String, String> refs = new HashMap<>();
  private final Map<String, Map<String, String>> attributes = new HashMap<>();
  private final Map<String, String> secrets = new HashMap<>();
  // One per run, as a stack has one: the site's x-origin-verify value is derived from it.
  private final String stackUuid = UUID.randomUUID().toString();

  /**
   * @param parameters the local run's values of template parameters (what {@code sam deploy
   *     --parameter-overrides} gives a stack), checked as CloudFormation checks them
   */
  TemplateValues(
      CloudFormationTemplate template, String stackName, Map<String, String> parameters) {
    this.template = template;
    this.stackName = stackName;
    parameters.forEach(this::checkParameter);
    // In the given order, which the banner keeps.
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /**
   * Records what {@code !Ref} and {@code !GetAtt <logicalId>.<attribute>} give for a resource
   * created locally.
   */
  void created(String logicalId, String ref, Map<String, String> attributes) {
    refs.put(logicalId, ref);
    this.attributes.put(logicalId, Map.copyOf(attributes));
  }

  /** The parameters the local run sets, by name (the others have the template's defaults). */
  Map<String, String> parameters() {
    return parameters;
  }

  /** Whether the template declares the parameter NoEcho: a secret, not to be printed. */
  boolean isNoEcho(String parameter) {
    return template.root().path("Parameters").path(parameter).path("NoEcho").asBoolean(false);
  }

  String resolve(JsonNode value) {
    if (value.isValueNode() && !value.isNull()) {
      return value.asText();
    }
    if (value.isObject() && value.size() == 1) {
      Map.Entry<String, JsonNode> function = value.properties().iterator().next();
      JsonNode argument = function.getValue();
      switch (function.getKey()) {
        case "Ref" -> {
          return ref(argument.asText());
        }
        case "Fn::GetAtt" -> {
          if (argument.isArray() && argument.size() == 2) {
            return attribute(argument.get(0).asText(), argument.get(1).asText());
          }
        }
        case "Fn::Sub" -> {
          if (argument.isTextual()) {
            return sub(argument.asText());
          }
        }
        case "Fn::Select" -> {
          if (argument.isArray() && argument.size() == 2) {
            List<String> list = list(argument.get(1));
            int index = Integer.parseInt(resolve(argument.get(0)));
            if (index >= 0 && index < list.size()) {
              return list.get(index);
            }
          }
        }
        default -> {
          // not supported: reported below
        }
      }
    }
    throw new IllegalArgumentException(
        "Cannot resolve "
            + value
            + " locally: the local run knows literals, !Ref, !GetAtt <resource>.<attribute>,"
            + " !Sub \"...\" and !Select [n, a list or !Split]");
  }

  /** A list argument of {@code !Select}: a YAML list, or {@code !Split [delimiter, string]}. */
  private List<String> list(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(resolve(item)));
      return items;
    }
    JsonNode split = value.path("Fn::Split");
    if (value.size() == 1 && split.isArray() && split.size() == 2) {
      return List.of(resolve(split.get(1)).split(Pattern.quote(resolve(split.get(0))), -1));
    }
    throw new IllegalArgumentException("Cannot resolve " + value + " locally as a list");
  }

  /**
   * The environment variables of functions hosted in one JVM: {@code Globals.Function} merged with
   * each function's own (the template's {@link FunctionDefinition#environment()}), resolved. Two
   * functions giving one variable different values cannot share a JVM's environment.
   */
  Map<String, String> environment(List<FunctionDefinition> functions) {
    Map<String, String> merged = new LinkedHashMap<>();
    Map<String, String> setBy = new HashMap<>();
    for (FunctionDefinition function : functions) {
      function
          .environment()
          .forEach(
              (name, raw) -> {
                String value = resolve(raw);
                String previous = merged.putIfAbsent(name, value);
                if (previous != null && !previous.equals(value)) {
                  throw new IllegalStateException(
                      setBy.get(name)
                          + " and "
                          + function.logicalId()
                          + " set "
                          + name
                          + " to different values ("
                          + previous
                          + ", "
                          + value
                          + "). The local run hosts every function in one JVM, which has one"
                          + " environment: give the variables different names in template.yaml.");
                }
                setBy.putIfAbsent(name, function.logicalId());
              });
    }
    return merged;
  }

  private String ref(String name) {
    switch (name) {
      case "AWS::Region" -> {
        return REGION;
      }
      case "AWS::AccountId" -> {
        return ACCOUNT_ID;
      }
      case "AWS::StackName" -> {
        return stackName;
      }
      case "AWS::StackId" -> {
        return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + stackName + "/"
            + stackUuid;
      }
      case "AWS::Partition" -> {
        return "aws";
      }
      case "AWS::URLSuffix" -> {
        return "amazonaws.com";
      }
      default -> {
        // a resource or a parameter
      }
    }
    if (refs.containsKey(name)) {
      return refs.get(name);
    }
    if (parameters.containsKey(name)) {
      return parameters.get(name);
    }
    JsonNode parameter = template.root().path("Parameters").path(name);
    if (parameter.has("Default")) {
      return parameter.get("Default").asText();
    }
    if (parameter.path("NoEcho").asBoolean(false)) {
      // A secret without a default (a hashing salt, say): any value will do for data that lives
      // as long as this run's moto; one per run, the same wherever it is used.
      return secrets.computeIfAbsent(name, unused -> randomSecret());
    }
    throw new IllegalArgumentException(
        "Cannot resolve !Ref "
            + name
            + " locally: it is neither a resource the local run creates nor a parameter with a"
            + " value (give it one in local/parameters.properties or with --parameter "
            + name
            + "=...; a NoEcho secret without one gets a random value)");
  }

  /**
   * Refuses what CloudFormation would refuse: a parameter the template does not declare (a typo
   * would otherwise go unnoticed), or a value outside its AllowedPattern or AllowedValues.
   */
  private void checkParameter(String name, String value) {
    JsonNode declared = template.root().path("Parameters");
    JsonNode parameter = declared.path(name);
    if (!parameter.isObject()) {
      List<String> names = new ArrayList<>();
      declared.fieldNames().forEachRemaining(names::add);
      throw new IllegalArgumentException(
          "The local run sets the parameter "
              + name
              + ", which template.yaml does not declare (it declares "
              + String.join(", ", names)
              + ")");
    }
    String shown = isNoEcho(name) ? "The value" : "The value " + value;
    JsonNode pattern = parameter.path("AllowedPattern");
    if (pattern.isTextual() && !Pattern.compile(pattern.asText()).matcher(value).matches()) {
      throw new IllegalArgumentException(
          shown + " of the parameter " + name + " does not match its AllowedPattern " + pattern);
    }
    JsonNode allowed = parameter.path("AllowedValues");
    if (allowed.isArray() && allowed.valueStream().map(JsonNode::asText).noneMatch(value::equals)) {
      throw new IllegalArgumentException(
          shown + " of the parameter " + name + " is not one of its AllowedValues " + allowed);
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private String attribute(String logicalId, String attribute) {
    String value = attributes.getOrDefault(logicalId, Map.of()).get(attribute);
    if (value != null) {
      return value;
    }
    throw new IllegalArgumentException(
        "Cannot resolve !GetAtt "
            + logicalId
            + "."
            + attribute
            + " locally: the local run knows "
            + (attributes.containsKey(logicalId)
                ? logicalId + "'s " + String.join(", ", attributes.get(logicalId).keySet())
                : "the attributes of the tables, buckets and topics it creates"));
  }

  private String sub(String text) {
    Matcher variable = SUB_VARIABLE.matcher(text);
    StringBuilder resolved = new StringBuilder();
    while (variable.find()) {
      String name = variable.group(1);
      int dot = name.indexOf('.');
      String value;
      if (name.startsWith("!")) {
        value =
            "${" + name.substring(1) + "}"; // ${!Literal} is the escape for a literal ${Literal}
      } else if (dot > 0) {
        value = attribute(name.substring(0, dot), name.substring(dot + 1));
      } else {
        value = ref(name);
      }
      variable.appendReplacement(resolved, Matcher.quoteReplacement(value));
    }
    variable.appendTail(resolved);
    return resolved.toString();
  }
}
