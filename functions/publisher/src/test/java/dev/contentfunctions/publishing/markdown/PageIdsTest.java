package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.TocEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * A post's HTML is inserted into a page (the posts-api function's templates) that has ids of its own ("post-toc", the table of
 * contents): no id of a post may ever be one of them, whatever the author's headings or raw
 * HTML say, and the post's own links to its headings and footnotes keep working.
 */
class PageIdsTest {
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  /** id="..." in the page templates, and ids web/'s scripts give elements (element.id = "..." or `...`). */
  private static final Pattern HTML_ID = Pattern.compile("\\bid=\"([^\"]+)\"");

  private static final Pattern SCRIPT_ID = Pattern.compile("\\.id\\s*=\\s*[\"`]([^\"`]+)[\"`]");

  private static Set<String> pageIds() {
    Set<String> ids = new TreeSet<>();
    Path root = RepoPaths.root();
    try (Stream<Path> files =
        Stream.concat(Files.walk(root.resolve("functions/posts-api/src/main/jte")), Files.walk(root.resolve("web")))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        Pattern pattern =
            name.endsWith(".jte") ? HTML_ID : name.endsWith(".js") ? SCRIPT_ID : null;
        if (pattern != null) {
          Matcher matcher = pattern.matcher(Files.readString(file));
          while (matcher.find()) {
            // A script's `${field}-error` stands for any field: keep its fixed part.
            ids.add(matcher.group(1).replaceAll("\\$\\{[^}]*}", "x"));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  @Test
  void noIdInAPostIsAnIdOfThePages() {
    Set<String> pageIds = pageIds();
    assertThat(pageIds).contains("post-body", "post-toc", "main");

    for (String id : pageIds) {
      String heading = id.replace('-', ' ');
      String html =
          RENDERER
              .render(
                  "# "
                      + heading
                      + "\n\n## "
                      + heading
                      + "\n\n<h3 id=\""
                      + id
                      + "\">raw</h3>\n\n<ol><li id=\""
                      + id
                      + "\">item</li></ol>\n\nA<sup id=\""
                      + id
                      + "\">1</sup>\n")
              .html();
      Document page = Jsoup.parseBodyFragment(html);

      assertThat(page.select("[id]"))
          .as("ids rendered for a heading '%s'", heading)
          .hasSize(5)
          .extracting(Element::id)
          .doesNotContainAnyElementsOf(pageIds);
    }
  }

  @Test
  void pagesNeverUseThePrefixOfPostIds() {
    assertThat(pageIds()).noneMatch(id -> id.startsWith(HtmlSanitizer.ID_PREFIX));
  }

  @Test
  void headingIdsCarryThePrefixAndTheTocAndTheAuthorsLinksFollowThem() {
    RenderedMarkdown rendered =
        RENDERER.render(
            "See [the list](#related-list) and [below](#next-steps).[^1]\n\n"
                + "## Related list\n\n## Next steps\n\n### Post body\n\n[^1]: A note.\n");
    Document html = Jsoup.parseBodyFragment(rendered.html());

    assertThat(rendered.toc())
        .containsExactly(
            new TocEntry(2, "Related list", "h-related-list"),
            new TocEntry(2, "Next steps", "h-next-steps"),
            new TocEntry(3, "Post body", "h-post-body"));
    for (TocEntry entry : rendered.toc()) {
      assertThat(html.getElementById(entry.id())).isNotNull();
    }
    for (Element link : html.select("a[href^=#]")) {
      assertThat(html.getElementById(link.attr("href").substring(1)))
          .as("the target of %s", link)
          .isNotNull();
    }
    assertThat(html.select("a[href^=#]")).hasSize(4);
  }
}
