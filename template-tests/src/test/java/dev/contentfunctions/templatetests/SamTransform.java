package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** template.yaml as CloudFormation receives it: after SAM's transform (sam_transform.py). */
final class SamTransform {

  private static final String INSTALL_HINT =
      "SAM's transform needs python3 with aws-sam-translator (pip install cfn-lint brings it)";

  private SamTransform() {}

  /** The transformed template's Resources; {@code dir} holds the output and the errors. */
  static JsonNode resources(Path dir) throws Exception {
    Path script = Path.of(SamTransform.class.getResource("/sam_transform.py").toURI());
    Path output = dir.resolve("transformed.json");
    Path errors = dir.resolve("errors.txt");
    ProcessBuilder builder =
        new ProcessBuilder("python3", script.toString(), RepoPaths.template().toString())
            .redirectOutput(output.toFile())
            .redirectError(errors.toFile());
    // Only for ARNs the transform writes out (partition); nothing is looked up in AWS.
    builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    Process transform;
    try {
      transform = builder.start();
    } catch (IOException notOnPath) {
      return fail(INSTALL_HINT + " (" + notOnPath.getMessage() + ")");
    }
    if (!transform.waitFor(2, TimeUnit.MINUTES)) {
      transform.destroyForcibly();
      fail("SAM's transform did not finish within 2 minutes:\n" + Files.readString(errors));
    }
    assertThat(transform.exitValue())
        .as(INSTALL_HINT + "\nor the transform failed:\n" + Files.readString(errors))
        .isZero();
    return new ObjectMapper().readTree(output.toFile()).path("Resources");
  }
}
