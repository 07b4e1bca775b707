package dev.contentfunctions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalRunOptionsTest {
  private static final Path CALLER = Path.of("/home/me/notes");
  private static final Path ROOT = Path.of("/repo");

  private static LocalRunOptions parse(Map<String, String> env, String... args) {
    return LocalRunOptions.parse(args, env, CALLER, ROOT);
  }

  @Test
  void defaultsAreSamsApiPortMotosPortAndTheRepositorysFolders() {
    LocalRunOptions options = parse(Map.of());

    assertThat(options.apiPort()).isEqualTo(3000);
    assertThat(options.awsPort()).isEqualTo(5000);
    assertThat(options.apiPortExplicit()).isFalse();
    assertThat(options.awsPortExplicit()).isFalse();
    assertThat(options.contentDir()).isEqualTo(Path.of("/repo/content"));
    assertThat(options.webDir()).isEqualTo(Path.of("/repo/web"));
    assertThat(options.parameters()).isEmpty();
  }

  @Test
  void parametersAreRepeatableNameValuePairs() {
    LocalRunOptions options =
        parse(
            Map.of(),
            "--parameter",
            "SiteName=My Blog",
            "--parameter",
            "ThankYouUrl=${LocalUrl}/thanks?a=b",
            "--parameter",
            "Empty=");

    assertThat(options.parameters())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("SiteName", "My Blog", "ThankYouUrl", "${LocalUrl}/thanks?a=b", "Empty", ""));
    assertThatThrownBy(() -> parse(Map.of(), "--parameter", "SiteName"))
        .hasMessageContaining("--parameter takes Name=Value");
  }

  @Test
  void environmentVariablesSetEverything() {
    LocalRunOptions options =
        parse(
            Map.of(
                "LOCAL_API_PORT", "3100",
                "LOCAL_AWS_PORT", "0",
                "LOCAL_CONTENT_DIR", "/data/content",
                "LOCAL_WEB_DIR", "site"));

    assertThat(options.apiPort()).isEqualTo(3100);
    assertThat(options.awsPort()).isZero();
    assertThat(options.apiPortExplicit()).isTrue();
    assertThat(options.awsPortExplicit()).isTrue();
    assertThat(options.contentDir()).isEqualTo(Path.of("/data/content"));
    assertThat(options.webDir()).isEqualTo(Path.of("/home/me/notes/site"));
  }

  @Test
  void argumentsWinOverEnvironmentAndRelativePathsAreTheCallers() {
    LocalRunOptions options =
        parse(Map.of("LOCAL_API_PORT", "3100"), "--api-port", "3200", "--content", "../drafts");

    assertThat(options.apiPort()).isEqualTo(3200);
    assertThat(options.contentDir()).isEqualTo(Path.of("/home/me/drafts"));
  }

  @Test
  void rejectsWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> parse(Map.of(), "--api-port", "http"))
        .hasMessageContaining("API port must be a number from 0 to 65535, not http");
    assertThatThrownBy(() -> parse(Map.of("LOCAL_AWS_PORT", "70000")))
        .hasMessageContaining("AWS port must be a number");
    assertThatThrownBy(() -> parse(Map.of(), "--watch"))
        .hasMessageContaining("Unknown option --watch");
    assertThatThrownBy(() -> parse(Map.of(), "--content"))
        .hasMessageContaining("--content needs a value");
  }
}
