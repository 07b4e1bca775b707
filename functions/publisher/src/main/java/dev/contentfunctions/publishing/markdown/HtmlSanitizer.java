package dev.contentfunctions.publishing.markdown;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Reduces HTML to what Markdown itself produces. Everything the renderer emits, including raw HTML
 * an author wrote, passes through here: tags outside the list are removed (their text is kept,
 * except script and style contents), and so are event handlers, styles, and links or images whose
 * address is not http(s), mailto or tel (links), http(s) (images), or relative. Addresses are
 * judged and written as a browser reads them ({@link BrowserUrl}); links leading off the site get
 * {@code rel="noopener noreferrer"}. Thread-safe.
 */
final class HtmlSanitizer {
  /**
   * Starts every id in a post (headings, footnotes, raw HTML), and every link to one: the page the
   * post is inserted into has ids of its own ("related-list", "post-body"; web/ uses none starting
   * so), which a heading must not take over. The hyphen also keeps ids from naming a global of the
   * page's scripts (window.x).
   */
  static final String ID_PREFIX = "h-";

  private static final String EXTERNAL_REL = "noopener noreferrer";

  /** An attribute holding an address, and the schemes it may use besides a relative address. */
  private record AddressAttribute(String tag, String name, Set<String> schemes) {}

  /** Every attribute the safelist allows that holds an address. */
  private static final List<AddressAttribute> ADDRESSES =
      List.of(
          new AddressAttribute("a", "href", Set.of("http", "https", "mailto", "tel")),
          new AddressAttribute("img", "src", Set.of("http", "https")));

  /**
   * The only tags that may carry a class, and the classes Flexmark's footnote, task list and code
   * block output relies on.
   */
  private static final Map<String, Pattern> FLEXMARK_CLASSES =
      Map.of(
          "a", Pattern.compile("footnote-ref|footnote-backref"),
          "div", Pattern.compile("footnotes"),
          "li", Pattern.compile("task-list-item"),
          "input", Pattern.compile("task-list-item-checkbox"),
          "code", Pattern.compile("language-[A-Za-z0-9_+#.-]+"));

  private final Cleaner cleaner;

  HtmlSanitizer() {
    Safelist safelist =
        new Safelist()
            .addTags(
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
                "input")
            .addAttributes("h1", "id")
            .addAttributes("h2", "id")
            .addAttributes("h3", "id")
            .addAttributes("h4", "id")
            .addAttributes("h5", "id")
            .addAttributes("h6", "id")
            .addAttributes("a", "href", "title")
            .addAttributes("img", "src", "alt", "title")
            .addAttributes("ol", "start")
            .addAttributes("li", "id")
            .addAttributes("sup", "id")
            .addAttributes("th", "align", "colspan")
            .addAttributes("td", "align", "colspan")
            .addAttributes("input", "checked")
            // Any input left is a task-list checkbox a reader cannot change.
            .addEnforcedAttribute("input", "type", "checkbox")
            .addEnforcedAttribute("input", "disabled", "disabled");
    FLEXMARK_CLASSES.keySet().forEach(tag -> safelist.addAttributes(tag, "class"));
    cleaner = new Cleaner(safelist);
  }

  /** The body of a new, clean document holding what is safe of {@code html}. */
  Element clean(String html) {
    Document clean = cleaner.clean(Jsoup.parseBodyFragment(html));
    clean.outputSettings().prettyPrint(false);
    for (Element element : clean.select("[class]")) {
      keepFlexmarkClasses(element);
    }
    for (AddressAttribute address : ADDRESSES) {
      for (Element element : clean.select(address.tag() + "[" + address.name() + "]")) {
        keepAddress(element, address);
      }
    }
    for (Element element : clean.select("[id]")) {
      element.id(ID_PREFIX + element.id());
    }
    // "#" alone is the top of the page, no id.
    for (Element link : clean.select("a[href~=^#.]")) {
      link.attr("href", "#" + ID_PREFIX + link.attr("href").substring(1));
    }
    return clean.body();
  }

  /**
   * jsoup resolves addresses as Java does, not as browsers do ({@code /\evil.example} stays a path
   * to it), so this alone decides: the address as the browser reads it, or none.
   */
  private static void keepAddress(Element element, AddressAttribute attribute) {
    BrowserUrl url = BrowserUrl.parse(element.attr(attribute.name()));
    if (url.scheme() != null && !attribute.schemes().contains(url.scheme())) {
      element.removeAttr(attribute.name());
      return;
    }
    element.attr(attribute.name(), url.address());
    if (url.external() && element.normalName().equals("a")) {
      element.attr("rel", EXTERNAL_REL);
    }
  }

  private static void keepFlexmarkClasses(Element element) {
    Pattern allowed = FLEXMARK_CLASSES.get(element.normalName());
    for (String name : element.classNames()) {
      if (!allowed.matcher(name).matches()) {
        element.removeClass(name);
      }
    }
    if (element.className().isBlank()) {
      element.removeAttr("class");
    }
  }
}
