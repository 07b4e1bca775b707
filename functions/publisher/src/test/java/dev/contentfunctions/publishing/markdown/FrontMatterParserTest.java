package dev.contentfunctions.publishing.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.contentfunctions.publishing.InvalidPostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrontMatterParserTest {
  private static final FrontMatterParser PARSER = new FrontMatterParser();
  private static final String REQUIRED = "title: Hello\ndate: 2025-11-03\n";

  private static FrontMatter parse(String yaml) {
    return PARSER.parse("---\n" + yaml + "---\nBody\n").frontMatter();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String text) {
    return assertThatThrownBy(() -> PARSER.parse(text))
        .isInstanceOf(InvalidPostException.class)
        // Written for the author: no Java or YAML library internals.
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("Exception", "org.snakeyaml", "\tat ", "java."));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertYamlRejected(String yaml) {
    return assertRejected("---\n" + yaml + "---\nBody\n");
  }

  // ------------------------------------------------------------------ valid front matter

  @Test
  void minimalFrontMatterHasDefaults() {
    PostSource post = PARSER.parse("---\ntitle: Hello\ndate: 2025-11-03\n---\n# Body\n\nText\n");

    assertThat(post.body()).isEqualTo("# Body\n\nText\n");
    assertThat(post.frontMatter())
        .isEqualTo(
            new FrontMatter(
                "Hello",
                Instant.parse("2025-11-03T00:00:00Z"),
                null,
                null,
                List.of(),
                null,
                false,
                null,
                null,
                null,
                List.of(),
                Map.of()));
  }

  @Test
  void dateWithOffsetIsConvertedToAnInstant() {
    assertThat(parse("title: x\ndate: 2025-11-03T09:30:00+01:00\n").date())
        .isEqualTo(Instant.parse("2025-11-03T08:30:00Z"));
  }

  @Test
  void dateInUtcWithZ() {
    assertThat(parse("title: x\ndate: 2025-11-03T09:30:00Z\n").date())
        .isEqualTo(Instant.parse("2025-11-03T09:30:00Z"));
  }

  @Test
  void quotedDateIsAccepted() {
    assertThat(parse("title: x\ndate: \"2025-11-03\"\n").date())
        .isEqualTo(Instant.parse("2025-11-03T00:00:00Z"));
  }

  @Test
  void everyKnownFieldIsRead() {
    FrontMatter frontMatter =
        parse(
            "title: '  How to Rebuild: a Guide  '\n"
                + "date: 2025-11-03\n"
                + "slug: rebuild-connection\n"
                + "description: One sentence.\n"
                + "tags: [relationships, communication]\n"
                + "author: The Coach\n"
                + "draft: true\n"
                + "updated: 2025-11-10T12:00:00Z\n"
                + "image: /images/connection.jpg\n"
                + "imageAlt: Two people talking on a bench\n"
                + "aliases: [old-link, older-link]\n");

    assertThat(frontMatter)
        .isEqualTo(
            new FrontMatter(
                "How to Rebuild: a Guide",
                Instant.parse("2025-11-03T00:00:00Z"),
                "rebuild-connection",
                "One sentence.",
                List.of("relationships", "communication"),
                "The Coach",
                true,
                Instant.parse("2025-11-10T12:00:00Z"),
                "/images/connection.jpg",
                "Two people talking on a bench",
                List.of("old-link", "older-link"),
                Map.of()));
  }

  @Test
  void emptyImageAltMarksADecorativePictureAndAnAbsentOneIsNull() {
    assertThat(parse(REQUIRED + "image: cover.jpg\nimageAlt: \"\"\n").imageAlt()).isEmpty();
    assertThat(parse(REQUIRED + "image: cover.jpg\n").imageAlt()).isNull();
  }

  @Test
  void tagsListIsNormalisedToSlugsWithoutDuplicatesInOrder() {
    assertThat(
            parse(
                    REQUIRED
                        + "tags: [Relationships, Emotional Connection, relationships, Café Talk]\n")
                .tags())
        .containsExactly("relationships", "emotional-connection", "cafe-talk");
  }

  @Test
  void tagsMayBeOneCommaSeparatedString() {
    assertThat(parse(REQUIRED + "tags: communication, Emotional Connection, , listening\n").tags())
        .containsExactly("communication", "emotional-connection", "listening");
  }

  @Test
  void twentyTagsOfFiftyCharactersAreAllowed() {
    String tags =
        IntStream.rangeClosed(1, 20)
            .mapToObj(i -> "t" + i + "-" + "x".repeat(50 - 2 - String.valueOf(i).length()))
            .collect(Collectors.joining(", "));

    assertThat(parse(REQUIRED + "tags: " + tags + "\n").tags()).hasSize(20);
  }

  @Test
  void unknownKeysAreKeptInExtraAsPlainValuesInOrder() {
    FrontMatter frontMatter =
        parse(
            REQUIRED
                + "series: Seasons\n"
                + "order: 2\n"
                + "featured: true\n"
                + "rating: 4.5\n"
                + "empty:\n"
                + "related: [a, b]\n"
                + "seo:\n  keywords: [x, y]\n  2025: year\n");

    assertThat(frontMatter.extra())
        .containsExactly(
            entry("series", "Seasons"),
            entry("order", 2),
            entry("featured", true),
            entry("rating", 4.5),
            entry("empty", null),
            entry("related", List.of("a", "b")),
            entry("seo", Map.of("keywords", List.of("x", "y"), "2025", "year")));
  }

  @Test
  void extraAndItsNestedValuesAreUnmodifiable() {
    FrontMatter frontMatter = parse(REQUIRED + "related: [a]\nseo:\n  k: v\n");

    assertThatThrownBy(() -> frontMatter.extra().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((List<?>) frontMatter.extra().get("related")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Map<?, ?>) frontMatter.extra().get("seo")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frontMatter.tags().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void draftAcceptsBooleansAndTheirText() {
    assertThat(parse(REQUIRED + "draft: true\n").draft()).isTrue();
    assertThat(parse(REQUIRED + "draft: \"true\"\n").draft()).isTrue();
    assertThat(parse(REQUIRED + "draft: 'False'\n").draft()).isFalse();
    assertThat(parse(REQUIRED + "draft: false\n").draft()).isFalse();
    assertThat(parse(REQUIRED).draft()).isFalse();
  }

  @Test
  void singleAliasMayBeText() {
    assertThat(parse(REQUIRED + "aliases: old-link\n").aliases()).containsExactly("old-link");
  }

  @Test
  void blankOptionalTextCountsAsAbsent() {
    FrontMatter frontMatter = parse(REQUIRED + "description: '  '\nauthor:\nimage: ''\n");

    assertThat(frontMatter.description()).isNull();
    assertThat(frontMatter.author()).isNull();
    assertThat(frontMatter.image()).isNull();
  }

  @Test
  void imageMayBeAnHttpsAddressOrAPath() {
    assertThat(parse(REQUIRED + "image: https://cdn.example.com/a.jpg\n").image())
        .isEqualTo("https://cdn.example.com/a.jpg");
    assertThat(parse(REQUIRED + "image: images/a.jpg\n").image()).isEqualTo("images/a.jpg");
  }

  @Test
  void imageAddressIsStoredAsABrowserReadsIt() {
    assertThat(parse(REQUIRED + "image: '/\\evil.example/a.jpg'\n").image())
        .isEqualTo("//evil.example/a.jpg");
    assertThat(parse(REQUIRED + "image: 'HTTPS:\\\\cdn.example\\a.jpg'\n").image())
        .isEqualTo("https://cdn.example/a.jpg");
  }

  @Test
  void closingLineMayBeDotsAndDelimitersMayHaveTrailingSpaces() {
    PostSource post = PARSER.parse("---  \ntitle: x\ndate: 2025-11-03\n... \nBody\n");

    assertThat(post.frontMatter().title()).isEqualTo("x");
    assertThat(post.body()).isEqualTo("Body\n");
  }

  @Test
  void onlyTheFirstClosingLineEndsTheFrontMatter() {
    PostSource post = PARSER.parse("---\ntitle: x\ndate: 2025-11-03\n---\nAbove\n\n---\n\nBelow\n");

    assertThat(post.body()).isEqualTo("Above\n\n---\n\nBelow\n");
  }

  @Test
  void postMayHaveNoBody() {
    assertThat(PARSER.parse("---\ntitle: x\ndate: 2025-11-03\n---").body()).isEmpty();
  }

  @Test
  void yamlCommentsAndQuotedColonsAreFine() {
    assertThat(parse("# a comment\ntitle: \"Trust: a Guide\" # why\ndate: 2025-11-03\n").title())
        .isEqualTo("Trust: a Guide");
  }

  // ------------------------------------------------------------------ structure errors

  @Test
  void missingFrontMatterIsRejectedWithAnExample() {
    assertRejected("# Just Markdown\n\nText\n")
        .hasMessageContaining("must start with front matter")
        .hasMessageContaining("date: 2025-11-03");
  }

  @Test
  void frontMatterMustStartOnTheFirstLine() {
    assertRejected("\n---\ntitle: x\ndate: 2025-11-03\n---\n")
        .hasMessageContaining("must start with front matter");
  }

  @Test
  void unclosedFrontMatterIsRejected() {
    assertRejected("---\ntitle: x\ndate: 2025-11-03\n\nBody text\n")
        .hasMessageContaining("never closed")
        .hasMessageContaining("'---'");
  }

  @Test
  void emptyFrontMatterIsRejected() {
    assertRejected("---\n---\nBody\n").hasMessageContaining("front matter is empty");
  }

  @Test
  void yamlSyntaxErrorNamesTheLineOfTheFile() {
    assertYamlRejected("title: [unclosed\ndate: 2025-11-03\n")
        .hasMessageContaining("not valid YAML")
        .hasMessageContaining("line 3");
  }

  @Test
  void unquotedColonInTextIsRejectedWithAHint() {
    assertYamlRejected("date: 2025-11-03\ntitle: Trust: a Guide\n")
        .hasMessageContaining("line 3, column 13")
        .hasMessageContaining("in quotes");
  }

  @Test
  void yamlListInsteadOfMappingIsRejected() {
    assertYamlRejected("- title\n- date\n")
        .hasMessageContaining("must be 'key: value' lines")
        .hasMessageContaining("a list");
  }

  @Test
  void plainTextInsteadOfMappingIsRejected() {
    assertYamlRejected("just some words\n").hasMessageContaining("the text 'just some words'");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertYamlRejected("title: One\ndate: 2025-11-03\ntitle: Two\n")
        .hasMessageContaining("duplicate key title")
        .hasMessageContaining("line 4")
        .hasMessageContaining("only once");
  }

  @Test
  void knownKeyInWrongCaseIsRejected() {
    assertYamlRejected("Title: Hello\ndate: 2025-11-03\n")
        .hasMessage("Front matter: write 'title' in lowercase (found 'Title').");
  }

  @Test
  void nonTextKeysAreRejected() {
    assertYamlRejected(REQUIRED + "? [a, b]\n: c\n").hasMessageContaining("keys must be text");
  }

  @Test
  void unsupportedValueTypesAreRejected() {
    assertYamlRejected(REQUIRED + "blob: !!binary aGVsbG8=\n")
        .hasMessageContaining("'blob'")
        .hasMessageContaining("not supported");
  }

  @Test
  void valueThatDoesNotMatchItsTagIsRejectedWithoutJavaDetails() {
    assertYamlRejected(REQUIRED + "count: !!int many\n")
        .hasMessage(
            "The front matter could not be read: a value does not match its type tag, such as"
                + " !!int on text.");
  }

  // ------------------------------------------------------------------ field errors

  @Test
  void missingTitleIsRejected() {
    assertYamlRejected("date: 2025-11-03\n")
        .hasMessage("Front matter: 'title' is required, e.g. title: How to Listen Without Fixing");
  }

  @Test
  void blankTitleIsRejected() {
    assertYamlRejected("title: '   '\ndate: 2025-11-03\n")
        .hasMessageContaining("'title' is required");
  }

  @Test
  void numericTitleMustBeQuoted() {
    assertYamlRejected("title: 2025\ndate: 2025-11-03\n")
        .hasMessageContaining("'title' must be text")
        .hasMessageContaining("title: \"2025\"");
  }

  @Test
  void titleAsListIsRejected() {
    assertYamlRejected("title: [a, b]\ndate: 2025-11-03\n")
        .hasMessage("Front matter: 'title' must be text, but it is a list.");
  }

  @Test
  void titleLongerThanTwoHundredCharactersIsRejected() {
    assertThat(parse("title: " + "t".repeat(200) + "\ndate: 2025-11-03\n").title()).hasSize(200);
    assertYamlRejected("title: " + "t".repeat(201) + "\ndate: 2025-11-03\n")
        .hasMessageContaining("'title' is 201 characters long; at most 200");
  }

  @Test
  void descriptionLongerThanFiveHundredCharactersIsRejected() {
    assertYamlRejected(REQUIRED + "description: " + "d".repeat(501) + "\n")
        .hasMessageContaining("'description' is 501 characters long; at most 500");
  }

  @Test
  void missingDateIsRejected() {
    assertYamlRejected("title: Hello\n")
        .hasMessage("Front matter: 'date' is required, e.g. date: 2025-11-03");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"03/11/2025", "2025-02-30", "2025-11-03T09:30:00", "November 3, 2025", "2025-11"})
  void unparsableDateIsRejectedNamingTheFieldAndValue(String date) {
    assertYamlRejected("title: x\ndate: " + date + "\n")
        .hasMessageContaining("'date' must be a date like 2025-11-03")
        .hasMessageContaining("found '" + date + "'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+10000-01-01T00:00:00Z", "9999-12-31T23:00:00-02:00", "-0001-06-01T00:00:00Z", "0000-01-01"
      })
  void dateOutsideFourDigitYearsIsRejected(String date) {
    // Listings sort by the date as text: the year 10000 sorts before today, so it would be listed.
    assertYamlRejected("title: x\ndate: " + date + "\nupdated: 2025-11-03\n")
        .hasMessageContaining("'date' must be a date from the year 1 to 9999")
        .hasMessageContaining("found '" + date + "'");
  }

  @Test
  void dateAsListIsRejected() {
    assertYamlRejected("title: x\ndate: [2025-11-03]\n")
        .hasMessageContaining("'date' must be a date")
        .hasMessageContaining("but it is a list");
  }

  @Test
  void dateAsNumberIsRejected() {
    assertYamlRejected("title: x\ndate: 2025\n").hasMessageContaining("but it is a number");
  }

  @Test
  void invalidUpdatedIsRejectedNamingIt() {
    assertYamlRejected(REQUIRED + "updated: yesterday\n")
        .hasMessageContaining("'updated' must be a date")
        .hasMessageContaining("'yesterday'");
  }

  @Test
  void tagsAsNumberAreRejected() {
    assertYamlRejected(REQUIRED + "tags: 5\n")
        .hasMessageContaining("'tags' must be a list")
        .hasMessageContaining("but it is a number");
  }

  @Test
  void tagThatIsNotTextIsRejected() {
    assertYamlRejected(REQUIRED + "tags: [love, [nested]]\n")
        .hasMessageContaining("each tag must be text, but one is a list");
  }

  @Test
  void tagWithoutLettersIsRejected() {
    assertYamlRejected(REQUIRED + "tags: ['!!!']\n")
        .hasMessageContaining("the tag '!!!' has no letters or digits");
  }

  @Test
  void moreThanTwentyTagsAreRejected() {
    String tags =
        IntStream.rangeClosed(1, 21).mapToObj(i -> "tag" + i).collect(Collectors.joining(", "));

    assertYamlRejected(REQUIRED + "tags: [" + tags + "]\n")
        .hasMessageContaining("at most 20 tags, but this one has 21");
  }

  @Test
  void tagLongerThanFiftyCharactersIsRejected() {
    assertYamlRejected(REQUIRED + "tags: [" + "t".repeat(51) + "]\n")
        .hasMessageContaining("at most 50 characters");
  }

  @Test
  void invalidSlugIsRejectedNamingTheField() {
    assertYamlRejected(REQUIRED + "slug: My Post\n")
        .hasMessageContaining("'slug' must be lowercase letters a-z and digits")
        .hasMessageContaining("found 'My Post'");
  }

  @Test
  void invalidAliasIsRejectedNamingTheField() {
    assertYamlRejected(REQUIRED + "aliases: [old-link, Old_Link]\n")
        .hasMessageContaining("'aliases'")
        .hasMessageContaining("found 'Old_Link'");
  }

  @Test
  void aliasThatIsNotTextIsRejected() {
    assertYamlRejected(REQUIRED + "aliases: [{a: b}]\n")
        .hasMessageContaining("'aliases' must be a list of earlier slugs");
  }

  @Test
  void draftThatIsNotABooleanIsRejected() {
    assertYamlRejected(REQUIRED + "draft: maybe\n")
        .hasMessage("Front matter: 'draft' must be true or false, but it is the text 'maybe'.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "/a b.jpg",
        "java\\tscript:alert(1)",
        "\\u0001javascript:alert(1)"
      })
  void unsafeImageAddressIsRejected(String image) {
    assertYamlRejected(REQUIRED + "image: \"" + image + "\"\n")
        .hasMessageContaining("'image' must be a web address");
  }

  // ------------------------------------------------------------------ hostile YAML

  @Test
  void billionLaughsFailsFast() {
    String bomb =
        REQUIRED
            + "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
            + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
            + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
            + "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
            + "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertYamlRejected(bomb).hasMessageContaining("more than 10 aliases"));
  }

  @Test
  void aFewAliasesAreAllowed() {
    assertThat(parse(REQUIRED + "a: &x [one, two]\nb: *x\nc: *x\n").extra())
        .containsEntry("b", List.of("one", "two"))
        .containsEntry("c", List.of("one", "two"));
  }

  @Test
  void aliasInsideItsOwnAnchorIsRejected() {
    assertYamlRejected(REQUIRED + "loop: &x [a, *x]\n")
        .hasMessageContaining("*x on line 4")
        .hasMessageContaining("refers to the list or map that contains it");
  }

  @Test
  void nestingDeeperThanTwentyLevelsIsRejected() {
    // The top-level mapping is the first level.
    assertThat(parse(REQUIRED + "ok: " + "[".repeat(19) + "]".repeat(19) + "\n").extra())
        .containsKey("ok");
    assertYamlRejected(REQUIRED + "deep: " + "[".repeat(20) + "]".repeat(20) + "\n")
        .hasMessageContaining("nested more than 20 levels deep on line 4");
  }

  @Test
  void veryDeepNestingIsRejectedWithoutOverflowingTheStack() {
    assertYamlRejected(REQUIRED + "deep: " + "[".repeat(50_000) + "]".repeat(50_000) + "\n")
        .hasMessageContaining("nested more than 20 levels");
  }

  @Test
  void emojiAcrossTheYamlLibrarysReadBufferIsRead() {
    // snakeyaml-engine reads 1024 chars at a time: this emoji's two chars are 1024 and 1025.
    String start = REQUIRED + "notes: \"";
    String notes = "a".repeat(1024 - start.length()) + "\ud83d\ude00".repeat(10);

    assertThat(parse(start + notes + "\"\n").extra()).containsEntry("notes", notes);
  }

  @Test
  void hugeFrontMatterIsRejected() {
    assertYamlRejected(REQUIRED + "notes: " + "x".repeat(70_000) + "\n")
        .hasMessageContaining("could not be read");
  }
}
