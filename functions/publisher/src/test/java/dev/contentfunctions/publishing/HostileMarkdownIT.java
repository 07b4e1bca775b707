package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.publishing.markdown.SafeHtml;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and odd Markdown files, each uploaded as a newer version of a published post and handed
 * to the handler as S3 announces it. The small files are under src/test/resources/hostile/, one per
 * case and named for it; the big and pathological ones are built here. Each must either be
 * published safely (HtmlSanitizer's promises hold, and it is listed only when it is due) or be
 * refused with a report while the previous version stays live, exactly as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileMarkdownIT {
  /**
   * A hang guard, not a performance assertion: a file that makes the publisher loop, or backtrack
   * for minutes, fails here instead of stalling the build. Generous for a slow, shared machine.
   */
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  private static final String FRONT_MATTER = "---\ntitle: Hostile case\ndate: 2025-10-02\n---\n\n";
  private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  private final PublishingTestBed bed = new PublishingTestBed();

  Stream<Arguments> corpus() throws IOException, URISyntaxException {
    Path folder = Path.of(getClass().getResource("/hostile").toURI());
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        cases.add(
            Arguments.of(
                file.getFileName().toString().replaceFirst("\\.md$", ""),
                Files.readAllBytes(file)));
      }
    }
    generated().forEach((name, content) -> cases.add(Arguments.of(name, content)));
    return cases.stream();
  }

  /** Too big to commit, or only meaningful at a size: built from a formula, named for the case. */
  private static Map<String, byte[]> generated() {
    Map<String, byte[]> cases = new LinkedHashMap<>();
    cases.put(
        "table-of-3000-rows", body(tableRow(20) + tableSeparator(20) + tableRow(20).repeat(3000)));
    cases.put(
        "table-of-5000-columns", body(tableRow(5000) + tableSeparator(5000) + tableRow(5000)));
    cases.put("list-nested-5000-deep-on-one-line", body("- ".repeat(5000) + "deep\n"));
    cases.put(
        "list-nested-1000-deep-by-indentation",
        body(
            IntStream.range(0, 1000)
                .mapToObj(i -> "  ".repeat(i) + "- level " + i + "\n")
                .collect(Collectors.joining())));
    cases.put("block-quotes-nested-10000-deep", body(">".repeat(10_000) + " deep\n"));
    cases.put(
        "block-quotes-deepening-line-by-line",
        body(
            IntStream.range(1, 1500)
                .mapToObj(i -> ">".repeat(i) + " quote\n")
                .collect(Collectors.joining())));
    cases.put("emphasis-opened-20000-times", body("*a".repeat(20_000)));
    cases.put("underscores-opened-20000-times", body("_a".repeat(20_000)));
    cases.put("strong-and-emphasis-interleaved", body("***a**b*c_".repeat(10_000)));
    cases.put("link-brackets-opened-50000-times", body("[".repeat(50_000)));
    cases.put("image-brackets-opened-20000-times", body("![".repeat(20_000)));
    cases.put("link-destinations-opened-20000-times", body("[a](".repeat(20_000)));
    cases.put("brackets-closed-50000-times", body("](".repeat(25_000) + "]".repeat(25_000)));
    cases.put("angle-brackets-50000", body("<".repeat(50_000)));
    cases.put(
        "backtick-runs",
        body(IntStream.range(1, 300).mapToObj("`"::repeat).collect(Collectors.joining(" a "))));
    cases.put("entities-started-25000-times", body("&#".repeat(25_000)));
    // One paragraph, many inline constructs: quadratic in Flexmark's own inline parser (minutes).
    cases.put("links-30000-in-one-paragraph", body("[a](/x) ".repeat(30_000)));
    cases.put("autolinks-20000-in-one-paragraph", body("<https://a.example> ".repeat(20_000)));
    cases.put("code-spans-50000-in-one-paragraph", body("`c` ".repeat(50_000)));
    cases.put(
        "html-divs-nested-10000-deep",
        body("<div>".repeat(10_000) + "deep" + "</div>".repeat(10_000)));
    cases.put("headings-20000", body("## Heading\n\n".repeat(20_000)));
    cases.put("footnote-references-20000", body("[^1]".repeat(20_000) + "\n\n[^1]: The note.\n"));
    // Lines of one paragraph that could each start a block are quadratic in Flexmark's block
    // parser: 5,000 take half a second, 20,000 from 3 to 20 s (see the hang guard).
    cases.put(
        "link-reference-definitions-5000",
        body(
            IntStream.range(0, 5_000)
                    .mapToObj(i -> "[r" + i + "]: /x" + i + " \"t\"\n")
                    .collect(Collectors.joining())
                + "[r1] [r4999]\n"));
    cases.put(
        "one-line-just-under-the-size-limit",
        body("a".repeat((int) PublishingService.MAX_SOURCE_BYTES - FRONT_MATTER.length())));
    cases.put(
        "file-just-over-the-size-limit",
        body("a".repeat((int) PublishingService.MAX_SOURCE_BYTES)));
    cases.put(
        "yaml-nested-100000-deep",
        ("---\ntitle: Deep\ndate: 2025-10-02\nnest: "
                + "[".repeat(100_000)
                + "]".repeat(100_000)
                + "\n---\nBody.\n")
            .getBytes(StandardCharsets.UTF_8));
    cases.put(
        "front-matter-over-its-limit",
        ("---\ntitle: Long\ndate: 2025-10-02\nnotes: " + "n".repeat(70_000) + "\n---\nBody.\n")
            .getBytes(StandardCharsets.UTF_8));
    // 240 KB of front matter, kept whole in the post item, next to a body that still fits inline
    // (190 KB gzipped): 430 KB together, over DynamoDB's item limit. An emoji also straddles the
    // YAML library's 1024-char read buffer.
    cases.put(
        "front-matter-of-emoji-beside-a-large-body",
        ("---\ntitle: Heavy\ndate: 2025-10-02\nnotes: \""
                + "\ud83d\ude00".repeat(60_000)
                + "\"\n---\n\n"
                + randomWords(300_000))
            .getBytes(StandardCharsets.UTF_8));
    byte[] random = new byte[100_000];
    new Random(7).nextBytes(random);
    cases.put(
        "random-bytes-after-front-matter",
        concat(FRONT_MATTER.getBytes(StandardCharsets.UTF_8), random));
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachFileIsPublishedSafelyOrRefusedWithAReportWhileThePreviousVersionStaysLive(
      String name, byte[] content) {
    String key = "posts/" + name + ".md";
    String good =
        bed.upload(
            key,
            PublishingTestBed.post(
                "Good version", "2025-10-01", "tags: [steady]\n", "The good version.\n"));
    bed.invoke(bed.putEvent(key, good, "0A"));
    Post live = bed.post(name).orElseThrow();
    String hostile = bed.upload(key, content);

    assertTimeoutPreemptively(
        HANG_GUARD,
        () ->
            bed.invoke(bed.putEvent(key, hostile, "0B")),
        () -> name + " was still being published after " + HANG_GUARD.toSeconds() + " s");

    JsonNode report = bed.report(key);
    assertThat(report.path("versionId").asText())
        .as("%s: the report's version", name)
        .isEqualTo(hostile);
    switch (report.path("status").asText()) {
      case "failed" -> {
        assertThat(report.path("message").asText()).as("%s: why it failed", name).isNotBlank();
        assertThat(bed.post(name)).as("%s: the previous version, still live", name).contains(live);
      }
      case "published", "draft", "scheduled" -> assertPublishedSafely(name, report.path("slug").asText());
      default -> fail(name + " was neither stored nor failed: " + report);
    }
  }

  /**
   * HtmlSanitizer's and FrontMatterParser's promises, and "listed only when due", on what is
   * stored.
   */
  private void assertPublishedSafely(String name, String slug) {
    Post post = bed.post(slug).orElseThrow();
    SafeHtml.assertSafe(post.html());
    if (post.image() != null && URL_SCHEME.matcher(post.image().src()).find()) {
      assertThat(post.image().src()).as("%s: the image's address", name).matches("(?i)https?:.*");
    }
    boolean due = !post.draft() && !post.publishedAt().isAfter(NOW);
    assertThat(bed.listedSlugs(PostMapper.PUBLISHED_LIST, NOW).contains(slug))
        .as("%s: listed exactly when due", name)
        .isEqualTo(due);
  }

  private static byte[] body(String markdown) {
    return (FRONT_MATTER + markdown).getBytes(StandardCharsets.UTF_8);
  }

  private static String tableRow(int columns) {
    return "|" + " cell |".repeat(columns) + "\n";
  }

  private static String tableSeparator(int columns) {
    return "|" + "---|".repeat(columns) + "\n";
  }

  /** Text that compresses about as badly as prose can: random letters in random-length words. */
  private static String randomWords(int length) {
    Random random = new Random(42);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append((char) ('a' + random.nextInt(26)));
      if (random.nextInt(6) == 0) {
        text.append(' ');
      }
    }
    return text.toString();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
