package dev.contentfunctions.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
  private static final Path CALLER = Path.of("/home/me/notes");
  private static final Path ROOT = Path.of("/repo");

  @Test
  void defaultsAreTwentyRequestsASecondForAMinuteWithoutAFile() {
    LoadOptions options = LoadOptions.parse(new String[0], CALLER, ROOT);

    assertThat(options.rate()).isEqualTo(20);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.requests()).isEqualTo(1200);
    assertThat(options.out()).isNull();
    assertThat(options.contentDir()).isEqualTo(Path.of("/repo/content"));
  }

  @Test
  void relativePathsAreTheCallers() {
    LoadOptions options =
        LoadOptions.parse(
            new String[] {
              "--rate", "20", "--duration", "10", "--out", "../load.md", "--content", "posts"
            },
            CALLER,
            ROOT);

    assertThat(options.requests()).isEqualTo(200);
    assertThat(options.out()).isEqualTo(Path.of("/home/me/load.md"));
    assertThat(options.contentDir()).isEqualTo(Path.of("/home/me/notes/posts"));
  }

  @Test
  void numbersMustBeWholeAndWithinBounds() {
    assertThatThrownBy(() -> parse("--rate", "0"))
        .hasMessage("--rate takes a whole number from 1 to 10000, not 0");
    assertThatThrownBy(() -> parse("--rate", "2.5")).hasMessageContaining("not 2.5");
    assertThatThrownBy(() -> parse("--duration", "86401"))
        .hasMessageContaining("--duration takes a whole number from 1 to 86400");
    assertThatThrownBy(() -> parse("--duration")).hasMessage("--duration needs a value");
    assertThatThrownBy(() -> parse("--rps", "5")).hasMessage("Unknown option --rps");
  }

  private static LoadOptions parse(String... args) {
    return LoadOptions.parse(args, CALLER, ROOT);
  }
}
