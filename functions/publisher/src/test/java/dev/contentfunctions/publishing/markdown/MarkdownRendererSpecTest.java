package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the examples of {@code markdown/spec.md}, written in the CommonMark spec's format: Markdown,
 * a line {@code .}, the expected HTML, between fences of 32 backticks.
 */
class MarkdownRendererSpecTest {
  private static final String FENCE = "`".repeat(32);
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  record Example(String section, int number, String markdown, String html) {
    @Override
    public String toString() {
      return section + " #" + number;
    }
  }

  static List<Example> examples() throws IOException {
    String spec;
    try (InputStream in = MarkdownRendererSpecTest.class.getResourceAsStream("/markdown/spec.md")) {
      spec = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Example> examples = new ArrayList<>();
    String section = "";
    StringBuilder markdown = null;
    StringBuilder html = null;
    for (String line : spec.split("\n", -1)) {
      if (markdown == null) {
        if (line.startsWith("## ")) {
          section = line.substring(3);
        } else if (line.equals(FENCE + " example")) {
          markdown = new StringBuilder();
        }
      } else if (html == null && line.equals(".")) {
        html = new StringBuilder();
      } else if (line.equals(FENCE)) {
        examples.add(
            new Example(section, examples.size() + 1, markdown.toString(), html.toString()));
        markdown = null;
        html = null;
      } else {
        (html == null ? markdown : html).append(line).append('\n');
      }
    }
    assertThat(examples).as("examples in spec.md").hasSizeGreaterThan(20);
    return examples;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void rendersExampleAsSpecified(Example example) {
    assertThat(RENDERER.render(example.markdown()).html()).isEqualTo(example.html());
  }
}
