package dev.contentfunctions.templatetests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLintIT {

  private static final String INSTALL_HINT = "cfn-lint is not installed: pip install cfn-lint";

  @TempDir Path dir;

  @Test
  void cfnLintFindsNothingInTheTemplate() throws IOException, InterruptedException {
    // Output goes to a file rather than a pipe, so a hung cfn-lint cannot block this test past its
    // timeout.
    File output = dir.resolve("cfn-lint.txt").toFile();
    Process lint;
    try {
      lint =
          new ProcessBuilder("cfn-lint", "template.yaml")
              .directory(RepoPaths.root().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output)
              .start();
    } catch (IOException notOnPath) {
      fail(INSTALL_HINT + " (" + notOnPath.getMessage() + ")");
      return;
    }
    if (!lint.waitFor(3, TimeUnit.MINUTES)) {
      lint.destroyForcibly();
      fail("cfn-lint did not finish within 3 minutes:\n" + Files.readString(output.toPath()));
    }
    String printed = Files.readString(output.toPath());
    // 127: a pyenv shim or shell found no cfn-lint behind the name.
    assertThat(lint.exitValue()).as(INSTALL_HINT + "\n" + printed).isNotEqualTo(127);
    assertThat(lint.exitValue()).as("cfn-lint template.yaml reported:\n" + printed).isZero();
  }
}
