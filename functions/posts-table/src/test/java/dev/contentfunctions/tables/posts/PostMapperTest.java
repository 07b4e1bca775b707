package dev.contentfunctions.tables.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PostMapperTest {
  private static Post post(String slug, boolean draft, String html) {
    return new Post(
        slug,
        "A title",
        "A description",
        "An excerpt",
        Instant.parse("2025-11-03T00:00:00Z"),
        Instant.parse("2025-11-05T10:30:00Z"),
        List.of("relationships", "trust"),
        "The Coach",
        draft,
        new PostImage(
            "/media/0a1b/a-960.jpg",
            960,
            640,
            "Two mugs on a table",
            List.of(new ImageVariant("/media/0a1b/a-480.jpg", 480, 320), new ImageVariant("/media/0a1b/a-960.jpg", 960, 640)),
            new ImageVariant("/media/0a1b/a-og.jpg", 1200, 630)),
        List.of("old-slug"),
        Map.of("series", "Connection", "order", 2),
        html,
        List.of(new TocEntry(2, "First", "first")),
        1234,
        7,
        "abc123",
        "posts/" + slug + ".md",
        List.of());
  }

  @Test
  void postSurvivesARoundTrip() {
    Post original = post("a-post", false, "<p>Hello</p>");

    PostMapper.PostItems items = PostMapper.toItems(original);

    assertThat(items.contentChunks()).isEmpty();
    assertThat(PostMapper.fromItems(items.post(), List.of())).isEqualTo(original);
  }

  @Test
  void largeBodyIsSplitIntoPartsThatFitAnItemAndJoinBack() {
    Random random = new Random(1);
    StringBuilder html = new StringBuilder();
    while (html.length() < 1_500_000) {
      html.append("<p>").append(Long.toString(random.nextLong(), 36)).append("</p>");
    }
    Post original = post("big", false, html.toString());

    PostMapper.PostItems items = PostMapper.toItems(original);

    assertThat(items.contentChunks()).hasSizeGreaterThan(1);
    assertThat(items.contentChunks())
        .allSatisfy(c -> assertThat(c.get("content").b().asByteArray()).hasSizeLessThanOrEqualTo(PostMapper.CHUNK_BYTES));
    assertThat(items.post()).doesNotContainKey("content");
    assertThat(PostMapper.contentChunks(items.post())).isEqualTo(items.contentChunks().size());
    assertThat(PostMapper.fromItems(items.post(), new ArrayList<>(items.contentChunks())).html())
        .isEqualTo(original.html());
  }

  @Test
  void publishedPostAndItsTagsAreListedByDate() {
    PostMapper.PostItems items = PostMapper.toItems(post("listed", false, "<p/>"));

    assertThat(items.post().get("listPk").s()).isEqualTo("PUBLISHED");
    assertThat(items.post().get("listSk").s()).isEqualTo("2025-11-03T00:00:00Z#listed");
    assertThat(items.tags()).extracting(t -> t.get("listPk").s()).containsExactly("TAG#relationships", "TAG#trust");
    assertThat(PostMapper.summaryFromItem(items.tags().get(0)).title()).isEqualTo("A title");
  }

  @Test
  void draftIsInNoListing() {
    PostMapper.PostItems items = PostMapper.toItems(post("draft", true, "<p/>"));

    assertThat(items.post()).doesNotContainKeys("listPk", "listSk");
    assertThat(items.tags()).allSatisfy(t -> assertThat(t).doesNotContainKeys("listPk", "listSk"));
  }

  @Test
  void sortKeysOrderAsTimeDoes() {
    Instant earlier = Instant.parse("2025-01-31T23:59:59.999Z");
    Instant later = Instant.parse("2025-02-01T00:00:00Z");

    assertThat(PostMapper.listSortKey(earlier, "zzz")).isLessThan(PostMapper.listSortKey(later, "aaa"));
    assertThat(PostMapper.listSortKey(later, "post")).isLessThanOrEqualTo(PostMapper.listSortUpperBound(later));
    assertThat(PostMapper.listSortKey(later.plusSeconds(1), "post"))
        .isGreaterThan(PostMapper.listSortUpperBound(later));
  }

  @Test
  void sourceFileSurvivesARoundTrip() {
    SourceFile source =
        new SourceFile(
            "posts/a.md", "a", List.of("t"), List.of("x"), List.of("old"), 2, "0A", 3, false, "b", List.of("c"),
            List.of("posts/a/cover.jpg"));
    Map<String, AttributeValue> item = PostMapper.toItem(source, Instant.ofEpochSecond(1000));

    assertThat(PostMapper.sourceFromItem(item)).isEqualTo(source);
    assertThat(item.get("expiresAt").n()).isEqualTo("1000");
  }

  @Test
  void imageFileSurvivesARoundTripUnderItsKey() {
    ImageFile image =
        new ImageFile(
            "media/logo.png",
            ImageFile.State.READY,
            2000,
            1000,
            List.of(new ImageVariant("/media/9f/logo-480.png", 480, 240)),
            new ImageVariant("/media/9f/logo-og.jpg", 1200, 630),
            null,
            "0C",
            4);
    Map<String, AttributeValue> item = PostMapper.toItem(image, null);

    assertThat(PostMapper.imageFromItem(item)).isEqualTo(image);
    assertThat(item.get("pk").s()).isEqualTo("IMAGE#media/logo.png");
    assertThat(item).doesNotContainKey("expiresAt");
  }

  @Test
  void imageReferenceIsFiledUnderTheImage() {
    ImageReference reference = new ImageReference("media/logo.png", "posts/a.md", "v1", "0D");
    Map<String, AttributeValue> item = PostMapper.toItem(reference);

    assertThat(PostMapper.imageReferenceFromItem(item)).isEqualTo(reference);
    assertThat(item.get("pk").s()).isEqualTo("IMAGEREF#media/logo.png");
    assertThat(item.get("sk").s()).isEqualTo("posts/a.md");
  }

  @Test
  void anImageStoredAsAnAddressBeforeImagesWereProcessedReadsAsAnotherSitesImage() {
    Map<String, AttributeValue> item = PostMapper.toItems(post("old", false, "<p>x</p>")).post();
    item.put("image", AttributeValue.fromS("https://example.com/a.jpg"));

    assertThat(PostMapper.summaryFromItem(item).image())
        .isEqualTo(new PostImage("https://example.com/a.jpg", null, null, "", List.of(), null));
  }

  @Test
  void slugClaimSurvivesARoundTripUnderItsName() {
    SlugClaim claim = new SlugClaim("shared", "posts/b.md", "v1", "0B", Instant.parse("2026-01-15T12:00:00Z"));
    Map<String, AttributeValue> item = PostMapper.toItem(claim);

    assertThat(PostMapper.claimFromItem(item)).isEqualTo(claim);
    assertThat(item.get("pk").s()).isEqualTo(PostMapper.claimPartition("shared"));
  }
}
