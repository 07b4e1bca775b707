package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.tables.posts.TocEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sample posts in content/posts are what an author would upload: each must publish. */
class ContentPostsTest {
  private static final FrontMatterParser PARSER = new FrontMatterParser();
  private static final MarkdownRenderer RENDERER = new MarkdownRenderer();
  private static final String SEED_POST = "how-to-rebuild-emotional-connection-after-a-hard-season";

  static Path postsFolder() {
    String configured = System.getProperty("repo.root");
    Path root = configured == null ? null : Path.of(configured);
    if (root == null || !Files.isRegularFile(root.resolve("template.yaml"))) {
      root = Path.of("").toAbsolutePath();
      while (!Files.isRegularFile(root.resolve("template.yaml"))) {
        root = root.getParent();
        assertThat(root)
            .as("a folder above the working directory holding template.yaml")
            .isNotNull();
      }
    }
    return root.resolve("content/posts");
  }

  static List<Path> posts() throws IOException {
    try (Stream<Path> files = Files.list(postsFolder())) {
      List<Path> posts = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
      assertThat(posts).as("sample posts").hasSizeGreaterThanOrEqualTo(3);
      return posts;
    }
  }

  private static PostSource read(Path file) throws IOException {
    return PARSER.parse(SourceText.decode(Files.readAllBytes(file)));
  }

  private static String slugOf(Path file) {
    return Slugs.fromKey("posts/" + file.getFileName());
  }

  @ParameterizedTest
  @MethodSource("posts")
  void samplePostPublishes(Path file) throws IOException {
    PostSource post = read(file);
    RenderedMarkdown rendered = RENDERER.render(post.body());

    assertThat(post.frontMatter().title()).isNotBlank();
    assertThat(post.frontMatter().date()).isNotNull();
    assertThat(post.frontMatter().draft()).as("content/ holds only publishable posts").isFalse();
    assertThat(post.frontMatter().tags()).isNotEmpty();
    assertThat(post.frontMatter().description()).isNotBlank().hasSizeLessThan(160);
    assertThat(rendered.toc()).isNotEmpty();
    assertThat(rendered.excerpt()).isNotBlank();
    assertThat(file.getFileName().toString()).isEqualTo(slugOf(file) + ".md");
  }

  @Test
  void sampleLinksToBlogPostsPointAtSamplePosts() throws IOException {
    Set<String> slugs = posts().stream().map(ContentPostsTest::slugOf).collect(Collectors.toSet());
    for (Path file : posts()) {
      for (Element link :
          Jsoup.parseBodyFragment(RENDERER.render(read(file).body()).html())
              .select("a[href^=/blog/]")) {
        assertThat(link.attr("href").substring("/blog/".length()))
            .as("link in %s", file.getFileName())
            .isIn(slugs);
      }
    }
  }

  @Test
  void samplePostsShareTagsForRelatedPosts() throws IOException {
    List<List<String>> tags = posts().stream().map(ContentPostsTest::tagsOf).toList();

    for (List<String> postTags : tags) {
      assertThat(tags.stream().filter(other -> other != postTags).flatMap(List::stream))
          .as("another post shares a tag with %s", postTags)
          .containsAnyElementsOf(postTags);
    }
  }

  private static List<String> tagsOf(Path file) {
    try {
      return read(file).frontMatter().tags();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void seedPostKeepsEverySectionOfTheArticle() throws IOException {
    PostSource post = read(postsFolder().resolve(SEED_POST + ".md"));
    RenderedMarkdown rendered = RENDERER.render(post.body());

    assertThat(post.frontMatter().title())
        .isEqualTo("How to Rebuild Emotional Connection After a Hard Season");
    assertThat(post.frontMatter().date()).hasToString("2025-11-03T00:00:00Z");
    assertThat(rendered.toc())
        .containsExactly(
            new TocEntry(
                2, "Understand What Created the Distance", "h-understand-what-created-the-distance"),
            new TocEntry(
                2, "Rebuild Through Small, Soft Moments", "h-rebuild-through-small-soft-moments"),
            new TocEntry(
                2,
                "Share What You Miss Rather Than What Went Wrong",
                "h-share-what-you-miss-rather-than-what-went-wrong"),
            new TocEntry(2, "Slow Down Hard Conversations", "h-slow-down-hard-conversations"),
            new TocEntry(
                2, "Rebuild Trust Through Consistency", "h-rebuild-trust-through-consistency"),
            new TocEntry(2, "Reconnect Through Shared Meaning", "h-reconnect-through-shared-meaning"),
            new TocEntry(2, "A New Season Is Possible", "h-a-new-season-is-possible"));
    for (TocEntry entry : rendered.toc()) {
      assertThat(rendered.html())
          .contains("<h2 id=\"" + entry.id() + "\">" + entry.text() + "</h2>");
    }
    assertThat(rendered.html())
        .contains("<li>Sharing a moment of eye contact</li>")
        .contains("<li>Staying curious about each other’s experience</li>")
        .contains(
            "<a href=\"/blog/mindfulness-for-relationships\">mindfulness for relationships</a>")
        .doesNotContain("Back to Blog", "Book Free Consultation", "You may also like");
    assertThat(rendered.excerpt())
        .startsWith("Every relationship moves through different emotional seasons.");
  }
}
