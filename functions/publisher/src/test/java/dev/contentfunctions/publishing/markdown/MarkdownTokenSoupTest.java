package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Markdown composed at random from syntax and XSS fragments, as no author would write it: whatever
 * the mix, the rendered HTML keeps HtmlSanitizer's promises, and LinearInlineParser parses it
 * exactly as Flexmark's own inline parser does. Seeded, so that a failure names the input that
 * caused it.
 */
class MarkdownTokenSoupTest {
  private static final int SOUPS = 1000;

  private static final String[] TOKENS = {
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "`",
    "``",
    "*",
    "_",
    "**",
    "~~",
    "![",
    "](",
    "[^1]",
    "[^1]: note\n",
    "[a]: /u \"t\"\n",
    "[a]",
    "\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "|",
    "| --- |\n",
    "---",
    "===",
    "# ",
    "> ",
    "- ",
    "1. ",
    "- [ ] ",
    "\\",
    "\"",
    "'",
    "&amp;",
    "&#",
    "&#106;",
    "&#x09;",
    "word",
    "https://a.example",
    "<https://a.example>",
    "www.a.example",
    "mailto:a@b.example",
    "javascript:alert(1)",
    "JaVaScRiPt:",
    "java\tscript:",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "<script>",
    "</script>",
    "alert(1)",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">",
    "</a>",
    "<svg onload=alert(1)>",
    "<iframe srcdoc=\"x\">",
    "<style>",
    "style=\"x:expression(1)\"",
    " onclick=alert(1)",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<details open ontoggle=alert(1)>",
    "\u0000",
    "\u202e",
    "\ud83d\ude00",
    "e\u0301"
  };

  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  @Test
  void everySoupOfHostileTokensRendersToSafeHtml() {
    for (int seed = 0; seed < SOUPS; seed++) {
      String markdown = soup(seed);
      String html = RENDERER.render(markdown).html();

      assertThat(html).as("seed %d: %s", seed, markdown).satisfies(SafeHtml::assertSafe);
    }
  }

  @Test
  void everySoupParsesExactlyAsWithFlexmarksOwnInlineParser() {
    Parser flexmarks = Parser.builder(MarkdownRenderer.OPTIONS).build();
    Parser linear = MarkdownRenderer.parser();
    HtmlRenderer html = HtmlRenderer.builder(MarkdownRenderer.OPTIONS).build();
    for (int seed = 0; seed < SOUPS; seed++) {
      String markdown = soup(seed);

      assertThat(html.render(linear.parse(markdown)))
          .as("seed %d: %s", seed, markdown)
          .isEqualTo(html.render(flexmarks.parse(markdown)));
    }
  }

  private static String soup(int seed) {
    Random random = new Random(seed);
    StringBuilder markdown = new StringBuilder();
    for (int i = random.nextInt(60); i > 0; i--) {
      markdown.append(TOKENS[random.nextInt(TOKENS.length)]);
    }
    return markdown.toString();
  }
}
