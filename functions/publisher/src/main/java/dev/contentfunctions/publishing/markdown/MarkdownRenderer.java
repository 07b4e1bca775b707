package dev.contentfunctions.publishing.markdown;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.typographic.TypographicExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.parser.core.ReferencePreProcessorFactory;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.MutableDataSet;
import dev.contentfunctions.publishing.InvalidPostException;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.TocEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;

/**
 * Renders a post's Markdown body to safe HTML, with its table of contents, excerpt and reading
 * time.
 *
 * <p>CommonMark plus GitHub-style tables, strikethrough, autolinks and task lists, footnotes, and
 * typographic quotes and dashes. Every heading gets an {@code id} derived from its text, after
 * {@code h-} ({@link HtmlSanitizer#ID_PREFIX}: "## Next steps" is {@code h-next-steps}). Raw HTML
 * is allowed in the Markdown, but the whole output is then sanitised (see {@link HtmlSanitizer}),
 * so only the tags Markdown itself produces survive. Build one instance per container and share it:
 * it is thread-safe, and construction is the expensive part.
 */
public final class MarkdownRenderer {
  static final int EXCERPT_LENGTH = 300;
  static final int SUMMARY_LENGTH = 160;
  static final int WORDS_PER_MINUTE = 200;

  /**
   * The width an image of the body takes: the text column ({@code --measure} in web/assets/styles.css),
   * or the whole screen when that is narrower.
   */
  static final String BODY_IMAGE_SIZES = "(max-width: 44rem) 100vw, 44rem";

  /** Flexmark's footnote references; their numbers are not part of the text around them. */
  private static final String FOOTNOTE_REFS = "sup[id^=" + HtmlSanitizer.ID_PREFIX + "fnref]";

  /** CommonMark plus the extensions and table rules described above. */
  static final DataHolder OPTIONS =
      new MutableDataSet()
          .set(
              Parser.EXTENSIONS,
              List.of(
                  TablesExtension.create(),
                  StrikethroughExtension.create(),
                  AutolinkExtension.create(),
                  FootnoteExtension.create(),
                  TaskListExtension.create(),
                  TypographicExtension.create()))
          // GitHub's table rules, which authors know from previews.
          .set(TablesExtension.COLUMN_SPANS, false)
          .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
          .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
          .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
          .set(HtmlRenderer.GENERATE_HEADER_ID, true)
          .set(HtmlRenderer.RENDER_HEADER_ID, true)
          .set(HtmlRenderer.HEADER_ID_GENERATOR_NO_DUPED_DASHES, true)
          .toImmutable();

  private final Parser parser = parser();
  private final HtmlRenderer renderer = HtmlRenderer.builder(OPTIONS).build();
  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  /** Flexmark's parser with {@link LinearInlineParser}: the same result, in less time. */
  static Parser parser() {
    return Parser.builder(OPTIONS)
        .customInlineParserFactory(LinearInlineParser::new)
        // Flexmark adds the reference definition pre-processor itself only for its own parser.
        .paragraphPreProcessorFactory(new ReferencePreProcessorFactory())
        .build();
  }

  /** Renders a body whose images all stay as written, with no picture above it. */
  public RenderedMarkdown render(String markdownBody) {
    return render(markdownBody, ImageResolver.NONE, false);
  }

  /**
   * Renders {@code markdownBody} (the post without its front matter).
   *
   * @param images what the body's images show; asked once, after sanitising
   * @param pictureAbove whether the page shows the post's picture above the body: then no image of
   *     the body is the first on the page, and every one loads lazily
   * @throws InvalidPostException if the Markdown nests so deeply that it cannot be rendered
   */
  public RenderedMarkdown render(String markdownBody, ImageResolver images, boolean pictureAbove) {
    String unsafeHtml;
    try {
      unsafeHtml = renderer.render(parser.parse(markdownBody));
    } catch (StackOverflowError e) {
      // Flexmark recurses once per nesting level (about a thousand '>' overflow the stack). Such a
      // file is broken, not a passing failure, so the author must hear of it rather than the event
      // being retried; parsing holds no shared state, so the renderer stays usable.
      throw new InvalidPostException(
          "The post is nested too deeply to display, for example hundreds of '>' or '*' in a row."
              + " Simplify that part of the Markdown.");
    }
    Element body = sanitizer.clean(unsafeHtml);
    List<RenderedMarkdown.Image> written = showImages(body, images, pictureAbove);
    String firstParagraph = firstParagraph(body);
    int words = PlainText.countWords(body.text());
    return new RenderedMarkdown(
        body.html(),
        toc(body),
        PlainText.shorten(firstParagraph, EXCERPT_LENGTH),
        PlainText.shorten(firstParagraph, SUMMARY_LENGTH),
        words,
        Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE),
        written);
  }

  /**
   * Gives each image its size and variants, or leaves it out, as {@code images} decides; every one
   * loads lazily but the first on the page. Runs after the sanitiser and sets only values of the
   * publisher's own records (paths it wrote, numbers), so the sanitiser's verdict stands.
   */
  private static List<RenderedMarkdown.Image> showImages(
      Element body, ImageResolver images, boolean pictureAbove) {
    List<Element> tags = body.select("img[src]");
    List<RenderedMarkdown.Image> written = new ArrayList<>();
    for (Element tag : tags) {
      written.add(new RenderedMarkdown.Image(tag.attr("src"), tag.attr("alt").strip()));
    }
    Map<String, ImageResolver.Shown> shown =
        tags.isEmpty() ? Map.of() : images.resolve(written.stream().map(RenderedMarkdown.Image::src).toList());
    boolean first = !pictureAbove;
    for (Element tag : tags) {
      ImageResolver.Shown image = shown.get(tag.attr("src"));
      if (image instanceof ImageResolver.Hidden) {
        tag.remove();
        continue;
      }
      if (image instanceof ImageResolver.Sized sized) {
        tag.attr("src", sized.src());
        if (sized.srcset().size() > 1) {
          tag.attr("srcset", srcset(sized.srcset()));
          tag.attr("sizes", BODY_IMAGE_SIZES);
        }
        tag.attr("width", Integer.toString(sized.width()));
        tag.attr("height", Integer.toString(sized.height()));
      }
      if (!first) {
        tag.attr("loading", "lazy");
      }
      tag.attr("decoding", "async");
      first = false;
    }
    return written;
  }

  /** {@code srcset}'s candidates: "path 480w, path 960w". */
  public static String srcset(List<ImageVariant> variants) {
    return String.join(
        ", ", variants.stream().map(variant -> variant.path() + " " + variant.width() + "w").toList());
  }

  /**
   * Read from the sanitised HTML, so every entry's id is one the page carries. Headings without an
   * id (raw HTML ones) cannot be linked to and are left out.
   */
  private static List<TocEntry> toc(Element body) {
    List<TocEntry> toc = new ArrayList<>();
    for (Element heading : body.select("h2[id], h3[id]")) {
      toc.add(new TocEntry(heading.normalName().charAt(1) - '0', textOf(heading), heading.id()));
    }
    return toc;
  }

  private static String firstParagraph(Element body) {
    for (Element child : body.children()) {
      if (child.normalName().equals("p")) {
        String text = textOf(child);
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }

  private static String textOf(Element element) {
    Element copy = element.clone();
    copy.select(FOOTNOTE_REFS).remove();
    return copy.text().strip();
  }
}
