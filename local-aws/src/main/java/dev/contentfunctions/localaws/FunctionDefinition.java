package dev.contentfunctions.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} of the template, with {@code Globals.Function} applied.
 *
 * @param codeUri the deployment package, relative to the repository root; null unless the template
 *     (or Globals) gives it as a plain string
 * @param handler {@code package.Class::method}; null unless the template (or Globals) gives it
 * @param environment variable name to raw template value: a string, or an intrinsic function in its
 *     long form such as {@code {"Ref": "PostsTable"}}
 */
public record FunctionDefinition(
    String logicalId,
    String codeUri,
    String handler,
    Map<String, JsonNode> environment,
    List<Event> events) {

  public FunctionDefinition {
    environment = Map.copyOf(environment);
    events = List.copyOf(events);
  }

  /**
   * An entry of the function's {@code Events}: its name, {@code Type} (S3, Api, ...) and raw
   * properties.
   */
  public record Event(String name, String type, JsonNode properties) {}
}
