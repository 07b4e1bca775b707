package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.publishing.InvalidPostException;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.TocEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();

  @Test
  void everyTocIdExistsInTheHtmlOnAHeadingOfThatLevelAndText() {
    RenderedMarkdown rendered =
        RENDERER.render(
            "## Understand What Created the Distance\n\ntext\n\n### Small, Soft Moments\n\n"
                + "## What's Next? (Part 2)\n\n### Émotions & Feelings\n\n## Intro\n\n## Intro\n");

    Document html = Jsoup.parseBodyFragment(rendered.html());
    assertThat(rendered.toc()).hasSize(6);
    for (TocEntry entry : rendered.toc()) {
      Element heading = html.getElementById(entry.id());
      assertThat(heading).as("element with id %s", entry.id()).isNotNull();
      assertThat(heading.normalName()).isEqualTo("h" + entry.level());
      assertThat(heading.text()).isEqualTo(entry.text());
    }
  }

  @Test
  void tocListsLevelTwoAndThreeHeadingsInOrder() {
    RenderedMarkdown rendered =
        RENDERER.render("# Title\n\n## First\n\n### Inner\n\n#### Deep\n\n## Second\n");

    assertThat(rendered.toc())
        .containsExactly(
            new TocEntry(2, "First", "h-first"),
            new TocEntry(3, "Inner", "h-inner"),
            new TocEntry(2, "Second", "h-second"));
    assertThat(rendered.html()).contains("<h1 id=\"h-title\">", "<h4 id=\"h-deep\">");
  }

  @Test
  void duplicateHeadingsGetDistinctIds() {
    List<TocEntry> toc = RENDERER.render("## Intro\n\n## Intro\n\n### Intro\n").toc();

    assertThat(toc).extracting(TocEntry::id).containsExactly("h-intro", "h-intro-1", "h-intro-2");
  }

  @Test
  void tocTextIsPlainWithoutMarkupOrFootnoteNumbers() {
    List<TocEntry> toc =
        RENDERER.render("## Why *it* `matters` to [us](/about)[^1]\n\n[^1]: A note.\n").toc();

    assertThat(toc).extracting(TocEntry::text).containsExactly("Why it matters to us");
  }

  @Test
  void rawHtmlHeadingsWithoutIdAreLeftOutOfTheToc() {
    RenderedMarkdown rendered = RENDERER.render("<h2>Raw</h2>\n\n## Markdown\n");

    assertThat(rendered.toc()).containsExactly(new TocEntry(2, "Markdown", "h-markdown"));
  }

  @Test
  void excerptIsTheFirstParagraphAsPlainText() {
    RenderedMarkdown rendered =
        RENDERER.render(
            "![A photo](/images/a.jpg)\n\n## Start\n\nEvery *relationship* moves through"
                + " [seasons](/blog/seasons).[^1]\n\nSecond paragraph.\n\n[^1]: Note.\n");

    assertThat(rendered.excerpt()).isEqualTo("Every relationship moves through seasons.");
    assertThat(rendered.summary()).isEqualTo(rendered.excerpt());
  }

  @Test
  void excerptIsEmptyWithoutParagraph() {
    assertThat(RENDERER.render("## Only a heading\n\n- and a list\n").excerpt()).isEmpty();
  }

  @Test
  void longFirstParagraphIsCutAtAWordBoundaryWithEllipsis() {
    String paragraph =
        IntStream.rangeClosed(1, 120)
            .mapToObj(i -> "word" + i)
            .reduce((a, b) -> a + " " + b)
            .orElseThrow();

    RenderedMarkdown rendered = RENDERER.render(paragraph + "\n");

    assertCutAtWord(rendered.excerpt(), paragraph, MarkdownRenderer.EXCERPT_LENGTH);
    assertCutAtWord(rendered.summary(), paragraph, MarkdownRenderer.SUMMARY_LENGTH);
  }

  private static void assertCutAtWord(String shortened, String original, int max) {
    assertThat(shortened).hasSizeLessThanOrEqualTo(max).hasSizeGreaterThan(max - 12).endsWith("…");
    String kept = shortened.substring(0, shortened.length() - 1);
    assertThat(original).startsWith(kept);
    assertThat(original.charAt(kept.length())).isEqualTo(' ');
  }

  @Test
  void wordCountCoversTheWholePostAndSetsReadingMinutes() {
    String words401 = "word ".repeat(300) + "\n\n## Heading words\n\n" + "- item\n".repeat(99);

    RenderedMarkdown rendered = RENDERER.render(words401);

    assertThat(rendered.wordCount()).isEqualTo(401);
    assertThat(rendered.readingMinutes()).isEqualTo(3);
  }

  @Test
  void readingTimeIsAtLeastOneMinuteAndRoundsUp() {
    assertThat(RENDERER.render("Hi.\n").readingMinutes()).isEqualTo(1);
    assertThat(RENDERER.render("w ".repeat(200)).readingMinutes()).isEqualTo(1);
    assertThat(RENDERER.render("w ".repeat(201)).readingMinutes()).isEqualTo(2);
  }

  @Test
  void externalLinksGetNoopenerAndRelativeLinksStayAsWritten() {
    Document html =
        Jsoup.parseBodyFragment(
            RENDERER
                .render(
                    "[a](https://example.com) [b](http://example.com) [c](//cdn.example.com/x)"
                        + " [d](/blog/other) [e](#section) [f](other-post)"
                        + " [g](mailto:a@example.com) [h](tel:+441234567) <a"
                        + " href=\"https://x.example\" rel=\"opener\">i</a>\n")
                .html());

    assertThat(html.select("a"))
        .extracting(a -> a.text() + " " + a.attr("href") + " " + a.attr("rel"))
        .containsExactly(
            "a https://example.com noopener noreferrer",
            "b http://example.com noopener noreferrer",
            "c //cdn.example.com/x noopener noreferrer",
            "d /blog/other ",
            "e #h-section ",
            "f other-post ",
            "g mailto:a@example.com ",
            "h tel:+441234567 ",
            "i https://x.example noopener noreferrer");
  }

  @Test
  void imagesKeepHttpAndRelativeSourcesOnly() {
    Document html =
        Jsoup.parseBodyFragment(
            RENDERER
                .render(
                    "![a](https://example.com/a.jpg) ![b](/images/b.jpg) ![c](c.png)"
                        + " ![d](ftp://example.com/d.jpg) ![e](mailto:e@example.com)\n")
                .html());

    assertThat(html.select("img"))
        .extracting(img -> img.attr("alt") + " " + img.attr("src"))
        .containsExactly("a https://example.com/a.jpg", "b /images/b.jpg", "c c.png", "d ", "e ");
  }

  @Test
  void sizedImagesGetTheirVariantsAndMissingOnesAreLeftOut() {
    ImageResolver images =
        sources ->
            Map.of(
                "cover.jpg",
                new ImageResolver.Sized(
                    "/media/ab/cover-960.jpg",
                    960,
                    640,
                    List.of(
                        new ImageVariant("/media/ab/cover-480.jpg", 480, 320),
                        new ImageVariant("/media/ab/cover-960.jpg", 960, 640))),
                "gone.png",
                new ImageResolver.Hidden());

    RenderedMarkdown rendered =
        RENDERER.render(
            "![Cover](cover.jpg)\n\n![Gone](gone.png)\n\n![Elsewhere](https://example.com/e.jpg)\n",
            images,
            false);

    Document html = Jsoup.parseBodyFragment(rendered.html());
    assertThat(html.select("img")).hasSize(2);
    Element cover = html.selectFirst("img[alt=Cover]");
    assertThat(cover.attr("src")).isEqualTo("/media/ab/cover-960.jpg");
    assertThat(cover.attr("srcset"))
        .isEqualTo("/media/ab/cover-480.jpg 480w, /media/ab/cover-960.jpg 960w");
    assertThat(cover.attr("sizes")).isEqualTo("(max-width: 44rem) 100vw, 44rem");
    assertThat(cover.attr("width") + "x" + cover.attr("height")).isEqualTo("960x640");
    assertThat(cover.hasAttr("loading")).as("the first image on the page is not lazy").isFalse();
    Element elsewhere = html.selectFirst("img[alt=Elsewhere]");
    assertThat(elsewhere.attr("src")).isEqualTo("https://example.com/e.jpg");
    assertThat(elsewhere.attr("loading")).isEqualTo("lazy");
    assertThat(elsewhere.hasAttr("width")).isFalse();
    assertThat(html.select("img").eachAttr("decoding")).containsOnly("async");
    assertThat(rendered.images())
        .extracting(RenderedMarkdown.Image::src)
        .containsExactly("cover.jpg", "gone.png", "https://example.com/e.jpg");
    SafeHtml.assertSafe(rendered.html());
  }

  @Test
  void underThePostsPictureEveryImageOfTheBodyIsLazy() {
    Document html =
        Jsoup.parseBodyFragment(RENDERER.render("![a](/a.jpg)\n\n![b](/b.jpg)\n", ImageResolver.NONE, true).html());

    assertThat(html.select("img").eachAttr("loading")).containsExactly("lazy", "lazy");
  }

  @Test
  void aSingleVariantNeedsNoSrcset() {
    ImageResolver small =
        sources ->
            Map.of("icon.png", new ImageResolver.Sized("/media/cd/icon-300.png", 300, 300,
                List.of(new ImageVariant("/media/cd/icon-300.png", 300, 300))));

    Element icon =
        Jsoup.parseBodyFragment(RENDERER.render("![Icon](icon.png)\n", small, false).html())
            .selectFirst("img");

    assertThat(icon.attr("src")).isEqualTo("/media/cd/icon-300.png");
    assertThat(icon.hasAttr("srcset")).isFalse();
    assertThat(icon.hasAttr("sizes")).isFalse();
    assertThat(icon.attr("width")).isEqualTo("300");
  }

  @Test
  void classesAreKeptOnlyWhereFlexmarkOutputNeedsThem() {
    String html =
        RENDERER
            .render(
                "```kotlin\nval x = 1\n```\n\n<div class=\"footnotes modal\">a</div>\n\n"
                    + "<p class=\"warning\">b</p>\n\n<code class=\"language-js evil\">c</code>\n")
            .html();

    assertThat(html)
        .contains("<code class=\"language-kotlin\">")
        .contains("<div class=\"footnotes\">a</div>")
        .contains("<p>b</p>")
        .contains("<code class=\"language-js\">c</code>");
  }

  @Test
  void rawInputsBecomeDisabledCheckboxes() {
    Element input =
        Jsoup.parseBodyFragment(
                RENDERER
                    .render("<input type=\"text\" name=\"q\" value=\"x\" class=\"big\">\n")
                    .html())
            .selectFirst("input");

    assertThat(input).isNotNull();
    assertThat(input.attributes().asList())
        .extracting(a -> a.getKey() + "=" + a.getValue())
        .containsExactlyInAnyOrder("type=checkbox", "disabled=");
  }

  @Test
  void rendersAOneMegabytePostCompletely() {
    StringBuilder post = new StringBuilder();
    int sections = 0;
    while (post.length() < 1_000_000) {
      sections++;
      post.append("## Section ")
          .append(sections)
          .append(
              "\n\nEvery relationship moves through *different* seasons, see [more](/blog/x).\n\n")
          .append("- Sharing a moment of eye contact\n- Checking in with warmth\n\n")
          .append("> Longing opens the heart.\n\n")
          .append("| a | b |\n|---|---|\n| 1 | 2 |\n\n");
    }
    post.append("The very last paragraph.\n");

    RenderedMarkdown rendered = RENDERER.render(post.toString());

    assertThat(rendered.html()).endsWith("<p>The very last paragraph.</p>\n");
    assertThat(rendered.toc()).hasSize(sections);
    assertThat(rendered.readingMinutes()).isGreaterThan(100);
  }

  @Test
  void markdownNestedTooDeeplyIsRejectedForTheAuthor() {
    assertThatThrownBy(() -> RENDERER.render(">".repeat(20_000) + " deep\n"))
        .isInstanceOf(InvalidPostException.class)
        .hasMessageContaining("nested too deeply");

    assertThat(RENDERER.render("Still *works*.\n").html())
        .isEqualTo("<p>Still <em>works</em>.</p>\n");
  }

  @Test
  void oneRendererServesConcurrentCallsWithIdenticalResults() throws Exception {
    String markdown =
        "## A\n\nText with [link](https://example.com).[^1]\n\n## A\n\n- [x] done\n\n[^1]: Note.\n";
    RenderedMarkdown expected = RENDERER.render(markdown);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<RenderedMarkdown>> calls =
          IntStream.range(0, 64)
              .mapToObj(i -> (Callable<RenderedMarkdown>) () -> RENDERER.render(markdown))
              .toList();
      List<Future<RenderedMarkdown>> results = pool.invokeAll(calls);
      for (Future<RenderedMarkdown> result : results) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
  }
}
