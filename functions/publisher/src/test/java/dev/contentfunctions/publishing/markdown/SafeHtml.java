package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * What HtmlSanitizer promises, checked as a browser would see the HTML: re-parsed (which decodes
 * entities), with whitespace and control characters removed from addresses. Only the tags and
 * attributes Markdown produces; no event handler, no style, no javascript:, vbscript: or data:
 * address. Shared by the renderer's XSS corpus and the publisher's hostile-file corpus.
 */
public final class SafeHtml {
  private static final Set<String> ALLOWED_TAGS =
      Set.of(
          "p",
          "br",
          "hr",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "ul",
          "ol",
          "li",
          "pre",
          "code",
          "em",
          "strong",
          "del",
          "sup",
          "sub",
          "a",
          "img",
          "table",
          "caption",
          "thead",
          "tbody",
          "tr",
          "th",
          "td",
          "div",
          "input");
  private static final Set<String> ALLOWED_ATTRIBUTES =
      Set.of(
          "id",
          "href",
          "title",
          "rel",
          "src",
          "alt",
          "class",
          "start",
          "align",
          "colspan",
          "type",
          "disabled",
          "checked",
          // Set by the publisher on the images it sized, after the sanitiser.
          "srcset",
          "sizes",
          "width",
          "height",
          "loading",
          "decoding");
  private static final Set<String> DANGEROUS_SCHEMES = Set.of("javascript:", "vbscript:", "data:");
  private static final Pattern WHITESPACE_AND_CONTROLS = Pattern.compile("[\\s\\p{Cntrl}]+");

  private SafeHtml() {}

  public static void assertSafe(String html) {
    for (Element element : Jsoup.parseBodyFragment(html).body().getAllElements()) {
      if (element.normalName().equals("body")) {
        continue;
      }
      // The element, not the whole document: a hostile post's HTML can run to megabytes.
      String where = shorten(element.outerHtml());
      assertThat(element.normalName()).as("element %s", where).isIn(ALLOWED_TAGS);
      for (Attribute attribute : element.attributes()) {
        String name = attribute.getKey().toLowerCase(Locale.ROOT);
        assertThat(name).as("attribute in %s", where).doesNotStartWith("on").isNotEqualTo("style");
        assertThat(name).as("attribute in %s", where).isIn(ALLOWED_ATTRIBUTES);
        if (name.equals("href") || name.equals("src")) {
          assertNoDangerousScheme(attribute.getValue(), name, where);
        }
        if (name.equals("srcset")) {
          for (String candidate : attribute.getValue().split(",")) {
            assertNoDangerousScheme(candidate.strip(), name, where);
          }
        }
      }
    }
  }

  private static void assertNoDangerousScheme(String value, String name, String where) {
    // Re-parsing decoded the entities once, as a browser does; decoding them again would read
    // "&amp;#106;avascript:" (a relative path to a browser) as javascript:.
    String address = WHITESPACE_AND_CONTROLS.matcher(value).replaceAll("").toLowerCase(Locale.ROOT);
    assertThat(DANGEROUS_SCHEMES).as("scheme of %s in %s", name, where).noneMatch(address::startsWith);
  }

  private static String shorten(String html) {
    return html.length() <= 300 ? html : html.substring(0, 300) + "...";
  }
}
