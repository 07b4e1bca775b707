package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The {@code --env-vars} file each run writes for {@code sam local} holds that run's secrets (the
 * per-run HashingSecret), so it must never be a tracked file: it is written where git ignores it.
 * (CoachNotificationsIT checks its content against the template and the run's functions.)
 */
class SamLocalEnvTest {
  @Test
  void isWrittenWhereGitIgnoresIt() throws Exception {
    Path root = RepoPaths.root();
    String file = root.relativize(SamLocalEnv.file(root)).toString();

    assertThat(git(root, "check-ignore", "--quiet", "--no-index", file)).as("ignored").isZero();
    assertThat(git(root, "ls-files", "--error-unmatch", file)).as("tracked").isNotZero();
  }

  private static int git(Path root, String... arguments) throws IOException, InterruptedException {
    String[] command = new String[arguments.length + 3];
    command[0] = "git";
    command[1] = "-C";
    command[2] = root.toString();
    System.arraycopy(arguments, 0, command, 3, arguments.length);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }
}
