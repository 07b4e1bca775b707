package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import dev.contentfunctions.testkit.SeededDraws;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Markdown composed at random from syntax and XSS fragments, as no author would write it: whatever
 * the mix, the rendered HTML runs no script in a browser, and LinearInlineParser parses it exactly
 * as Flexmark's own inline parser does.
 *
 * <p>The oracle is this test's own definition of "runs script" (below), not the sanitiser's allow-list:
 * the HTML is parsed as a browser parses it (jsoup), and an element that runs or loads code, an
 * event-handler or style attribute, or an address whose scheme a browser would execute, is a failure.
 * A new seed each run ({@code -Dsoup.seed=...} replays one), printed with the smallest failing input
 * found by dropping tokens while the failure stays.
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

  private static final long SEED = Long.getLong("soup.seed", System.nanoTime());

  /** Elements that run, load or re-frame code, whatever their attributes. */
  private static final Set<String> CODE_ELEMENTS =
      Set.of(
          "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
          "form", "base", "meta", "link", "template", "noscript", "xmp", "noembed", "portal");

  /** Attributes whose value a browser fetches or follows as an address. */
  private static final Set<String> ADDRESS_ATTRIBUTES =
      Set.of("href", "src", "action", "formaction", "xlink:href", "poster", "background", "cite", "data", "srcset", "ping");

  /** Schemes a browser executes or renders as a document of the attacker's choosing. */
  private static final Set<String> EXECUTING_SCHEMES = Set.of("javascript", "vbscript", "data", "livescript");

  /** What a soup came out as; each must occur, or the soups test less than they claim. */
  enum Outcome {
    /** A link survived (with a harmless address). */
    LINK,
    /** An image survived. */
    IMAGE,
    /** Hostile markup was kept as visible text: escaped, not dropped. */
    ESCAPED_MARKUP,
    /** Formatting only: paragraphs, emphasis, lists, code. */
    TEXT_ONLY
  }

  @Test
  void everySoupOfHostileTokensRendersToHtmlThatRunsNoScript() {
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < SOUPS; i++) {
      List<String> tokens = soup(new SeededDraws(SEED + i));
      String markdown = String.join("", tokens);
      String html = RENDERER.render(markdown).html();

      String danger = scriptIn(html);
      if (danger != null) {
        List<String> smallest = shrink(tokens, candidate -> scriptIn(RENDERER.render(candidate).html()));
        String minimal = String.join("", smallest);
        throw new AssertionError(
            String.format(
                "seed %d (soup %d; replay with -Dsoup.seed=%d): %s%n in: %s%n smallest failing input: %s%n its HTML: %s",
                SEED, i, SEED, danger, visible(markdown), visible(minimal), RENDERER.render(minimal).html()));
      }
      outcomes.merge(outcome(html, markdown), 1, Integer::sum);
    }
    assertThat(outcomes).as("outcomes of seed %d", SEED).containsKeys(Outcome.values());
  }

  @Test
  void everySoupParsesExactlyAsWithFlexmarksOwnInlineParser() {
    Parser flexmarks = Parser.builder(MarkdownRenderer.OPTIONS).build();
    Parser linear = MarkdownRenderer.parser();
    HtmlRenderer html = HtmlRenderer.builder(MarkdownRenderer.OPTIONS).build();
    Function<String, String> difference =
        markdown -> {
          String expected = html.render(flexmarks.parse(markdown));
          String actual = html.render(linear.parse(markdown));
          return expected.equals(actual) ? null : "expected " + expected + " but was " + actual;
        };
    int withInlineMarkup = 0;
    int plain = 0;
    for (int i = 0; i < SOUPS; i++) {
      List<String> tokens = soup(new SeededDraws(SEED + i));
      String markdown = String.join("", tokens);

      String differs = difference.apply(markdown);
      if (differs != null) {
        String minimal = String.join("", shrink(tokens, difference));
        throw new AssertionError(
            String.format(
                "seed %d (soup %d; replay with -Dsoup.seed=%d): %s%n in: %s%n smallest differing input: %s (%s)",
                SEED, i, SEED, differs, visible(markdown), visible(minimal), difference.apply(minimal)));
      }
      if (Jsoup.parseBodyFragment(html.render(flexmarks.parse(markdown))).select("em, strong, code, a, del, img").isEmpty()) {
        plain++;
      } else {
        withInlineMarkup++;
      }
    }
    assertThat(withInlineMarkup).as("soups with inline markup, seed %d", SEED).isPositive();
    assertThat(plain).as("soups without inline markup, seed %d", SEED).isPositive();
  }

  @Test
  void theOracleRecognisesWhatABrowserWouldRun() {
    assertThat(scriptIn("<p><a href=\"java&#x09;script:alert(1)\">x</a></p>")).contains("address href");
    assertThat(scriptIn("<a href=\" \u0001JaVaScRiPt:x\">x</a>")).contains("address href");
    assertThat(scriptIn("<img src=\"data:image/svg+xml,x\">")).contains("address src");
    assertThat(scriptIn("<p onclick=\"x\">x</p>")).contains("onclick");
    assertThat(scriptIn("<p>x</p><svg></svg>")).contains("<svg>");
    assertThat(scriptIn("<p><a href=\"https://a.example/javascript:x\">x</a> <a href=\"/x:y\">y</a></p>")).isNull();
    assertThat(scriptIn("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).isNull();
  }

  @Test
  void shrinkingKeepsOnlyTheTokensTheFailureNeeds() {
    List<String> tokens = List.of("a", "<", "script", ">", "b", "<", "c");

    assertThat(shrink(tokens, text -> text.contains("<script>") ? "fails" : null))
        .containsExactly("<", "script", ">");
  }

  /** The first thing in {@code html} that would run script in a browser, or null. */
  static String scriptIn(String html) {
    for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      String name = element.normalName();
      if (CODE_ELEMENTS.contains(name)) {
        return "a <" + name + "> element";
      }
      for (Attribute attribute : element.attributes()) {
        String key = attribute.getKey().toLowerCase(Locale.ROOT);
        if (key.startsWith("on") || key.equals("style") || key.equals("srcdoc")) {
          return "attribute " + key + " on <" + name + ">";
        }
        if (ADDRESS_ATTRIBUTES.contains(key) && executes(attribute.getValue())) {
          return "address " + key + "=\"" + attribute.getValue() + "\" on <" + name + ">";
        }
      }
    }
    return null;
  }

  /**
   * Whether a browser would execute the address, by the URL Standard's parsing: leading and
   * trailing C0 controls and spaces stripped, tabs and newlines removed anywhere, then the scheme
   * is what precedes the first ':' if it is a letter followed by letters, digits, '+', '-' or '.'.
   * (jsoup has already decoded the character references.)
   */
  static boolean executes(String address) {
    int from = 0;
    int to = address.length();
    while (from < to && address.charAt(from) <= ' ') {
      from++;
    }
    while (to > from && address.charAt(to - 1) <= ' ') {
      to--;
    }
    StringBuilder url = new StringBuilder();
    for (char c : address.substring(from, to).toCharArray()) {
      if (c != '\t' && c != '\n' && c != '\r') {
        url.append(c);
      }
    }
    int colon = url.indexOf(":");
    if (colon < 1 || !isAsciiLetter(url.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = url.charAt(i);
      if (!(isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    return EXECUTING_SCHEMES.contains(url.substring(0, colon).toLowerCase(Locale.ROOT));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static Outcome outcome(String html, String markdown) {
    var body = Jsoup.parseBodyFragment(html).body();
    if (!body.select("a[href]").isEmpty()) {
      return Outcome.LINK;
    }
    if (!body.select("img").isEmpty()) {
      return Outcome.IMAGE;
    }
    String text = body.text();
    if (text.contains("<") && markdown.contains("<")) {
      return Outcome.ESCAPED_MARKUP;
    }
    return Outcome.TEXT_ONLY;
  }

  /**
   * The smallest list of tokens still failing, by dropping one token at a time while the failure
   * stays (a greedy delta debugging): what the failure message shows.
   */
  static List<String> shrink(List<String> tokens, Function<String, String> failure) {
    List<String> current = new ArrayList<>(tokens);
    boolean smaller = true;
    while (smaller) {
      smaller = false;
      for (int i = 0; i < current.size(); i++) {
        List<String> candidate = new ArrayList<>(current);
        candidate.remove(i);
        if (failure.apply(String.join("", candidate)) != null) {
          current = candidate;
          smaller = true;
          i--;
        }
      }
    }
    return current;
  }

  private static List<String> soup(SeededDraws draws) {
    List<String> tokens = new ArrayList<>();
    for (int i = draws.nextInt(60); i > 0; i--) {
      tokens.add(TOKENS[draws.nextInt(TOKENS.length)]);
    }
    return tokens;
  }

  /** Control and invisible characters shown as escapes, so that the message can be pasted back. */
  private static String visible(String text) {
    StringBuilder shown = new StringBuilder("\"");
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                shown.append("\\n");
              } else if (c == '"' || c == '\\') {
                shown.append('\\').appendCodePoint(c);
              } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x202e) {
                shown.append(String.format("\\u%04x", c));
              } else {
                shown.appendCodePoint(c);
              }
            });
    return shown.append('"').toString();
  }
}
