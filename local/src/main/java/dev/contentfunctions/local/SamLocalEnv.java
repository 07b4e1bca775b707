package dev.contentfunctions.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The {@code --env-vars} file of {@code sam local invoke} and {@code sam local start-api} for this
 * run: every function of the template with the variables this run gives it (its tables, topic,
 * parameters and secrets, such as the per-run HashingSecret) and this run's AWS endpoint. Written
 * at each start, since the endpoint's port and the secrets can change from run to run: a file
 * written by hand would drift (a booking hashed with one secret is never found with another).
 */
final class SamLocalEnv {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SamLocalEnv() {}

  /**
   * Where each start writes it: under local/target/, which git ignores, since it holds the run's
   * secrets (the per-run HashingSecret).
   */
  static Path file(Path repoRoot) {
    return repoRoot.resolve("local").resolve("target").resolve("env.json");
  }

  static String json(CloudFormationTemplate template, TemplateValues values, URI awsEndpoint) {
    ObjectNode file = JSON.createObjectNode();
    for (FunctionDefinition function : template.functions()) {
      ObjectNode variables = file.putObject(function.logicalId());
      values.environment(List.of(function)).forEach(variables::put);
      variables.put("AWS_ENDPOINT_URL", awsEndpoint.toString());
      variables.put("AWS_ACCESS_KEY_ID", "testing");
      variables.put("AWS_SECRET_ACCESS_KEY", "testing");
    }
    return file.toPrettyString() + "\n";
  }

  /** Writes the file whole (a reader never sees half of it). */
  static void write(Path file, String json) throws IOException {
    Files.createDirectories(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, json);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
