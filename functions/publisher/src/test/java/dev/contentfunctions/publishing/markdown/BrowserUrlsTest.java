package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Link and image addresses as a browser reads them (WHATWG URL Standard): what the sanitiser keeps,
 * how it writes it, and which links it marks external. Each row is raw HTML in a post, as an author
 * or an attacker writes it (entities decoded by the HTML parser, as in a browser).
 */
class BrowserUrlsTest {
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  private static Element first(String markdown, String tag) {
    return Jsoup.parseBodyFragment(RENDERER.render(markdown).html()).selectFirst(tag);
  }

  /** "-" in the table: the attribute is absent. */
  private static String orDash(Element element, String attribute) {
    return element.hasAttr(attribute) ? element.attr(attribute) : "-";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // address as written                    | href kept as                 | rel
        // Scheme-relative, by any mix of slashes: the browser goes to evil.example.
        "/\\evil.example/                         | //evil.example/              | noopener noreferrer",
        "\\\\evil.example/                        | //evil.example/              | noopener noreferrer",
        "\\/evil.example/                         | //evil.example/              | noopener noreferrer",
        "//evil.example/                          | //evil.example/              | noopener noreferrer",
        "///evil.example/                         | //evil.example/              | noopener noreferrer",
        "/\\/evil.example/x?q=a\\b                | //evil.example/x?q=a\\b      | noopener noreferrer",
        // Tabs and newlines are removed anywhere, C0 controls and spaces trimmed at the ends.
        "/&#9;/evil.example/                      | //evil.example/              | noopener noreferrer",
        "/&#10;\\evil.example/                    | //evil.example/              | noopener noreferrer",
        "&#13;/&#13;/evil.example/                | //evil.example/              | noopener noreferrer",
        "`  /\\evil.example/ `                    | //evil.example/              | noopener noreferrer",
        "&#1;&#31;//evil.example/&#0;             | //evil.example/              | noopener noreferrer",
        // Special schemes: any case, backslashes as slashes before the query.
        "HTTPS://Example.com/a                    | https://Example.com/a        | noopener noreferrer",
        "http:\\\\evil.example\\path?x=\\y        | http://evil.example/path?x=\\y | noopener noreferrer",
        "ht&#9;tp://evil.example/                 | http://evil.example/         | noopener noreferrer",
        "https:evil.example                       | https:evil.example           | noopener noreferrer",
        // Dangerous schemes, however disguised: the address is dropped.
        "javascript:alert(1)                      | -                            | -",
        "JaVaScRiPt:alert(1)                      | -                            | -",
        "java&#9;script:alert(1)                  | -                            | -",
        "java&#10;script:alert(1)                 | -                            | -",
        "javascript&#13;:alert(1)                 | -                            | -",
        "&#1;javascript:alert(1)                  | -                            | -",
        "` javascript:alert(1)`                   | -                            | -",
        "vbscript:msgbox(1)                       | -                            | -",
        "data:text/html,<b>x</b>                  | -                            | -",
        "file:///etc/passwd                       | -                            | -",
        // The site's own addresses stay relative and unmarked.
        "/blog/other                              | /blog/other                  | -",
        "\\blog\\other                            | /blog/other                  | -",
        "other-post                               | other-post                   | -",
        "?tag=calm                                | ?tag=calm                    | -",
        "/search?q=a\\b                           | /search?q=a\\b               | -",
        "javascript%3Aalert(1)                    | javascript%3Aalert(1)        | -",
        // Other allowed schemes are kept as written.
        "mailto:a@example.com                     | mailto:a@example.com         | -",
        "TEL:+441234567                           | TEL:+441234567               | -",
      })
  void linkAddressesAreReadAsABrowserReadsThem(String written, String kept, String rel) {
    Element link = first("<a href=\"" + written + "\">x</a>\n", "a");

    assertThat(orDash(link, "href")).isEqualTo(kept);
    assertThat(orDash(link, "rel")).isEqualTo(rel);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/\\evil.example/x.png          | //evil.example/x.png",
        "\\\\evil.example\\x.png        | //evil.example/x.png",
        "https:\\\\cdn.example\\x.png   | https://cdn.example/x.png",
        "/images/a.jpg                  | /images/a.jpg",
        "java&#9;script:alert(1)        | -",
        "JAVASCRIPT:alert(1)            | -",
        "mailto:a@example.com           | -",
        "data:image/png;base64,AAAA     | -",
      })
  void imageSourcesAreReadAsABrowserReadsThem(String written, String kept) {
    Element image = first("<img src=\"" + written + "\" alt=\"x\">\n", "img");

    assertThat(orDash(image, "src")).isEqualTo(kept);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[x](/\\evil.example/)            | //evil.example/ | noopener noreferrer",
        "[x](<\\\\evil.example>)          | /evil.example   | -",
        "![x](/\\evil.example/x.png)      | //evil.example/x.png | -",
      })
  void markdownLinksAndImagesFollowTheSameRules(String markdown, String kept, String rel) {
    Element element = first(markdown + "\n", "a, img");
    String attribute = element.normalName().equals("a") ? "href" : "src";

    assertThat(orDash(element, attribute)).isEqualTo(kept);
    assertThat(orDash(element, "rel")).isEqualTo(rel);
  }
}
