package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.publishing.PublishReport.ImageEntry;
import dev.contentfunctions.publishing.images.ImageProcessor;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.InMemoryPublicationRepository;
import dev.contentfunctions.tables.posts.Post;
import dev.contentfunctions.tables.posts.PostImage;
import dev.contentfunctions.tables.posts.PostMapper;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Posts and their images against the in-memory table and buckets, with the real image processor:
 * whatever the order of uploads, a post shows the images that are there, and its report says which
 * are not.
 */
class ImagePublishingTest {
  private static final String BUCKET = "content";

  private final InMemoryPostFiles files = new InMemoryPostFiles();
  private final InMemoryMediaStore media = new InMemoryMediaStore();
  private final Clock clock = Clock.fixed(PublishingTestBed.NOW, ZoneOffset.UTC);
  private final InMemoryPublicationRepository table = new InMemoryPublicationRepository(clock);
  private final PublishingService posts =
      new PublishingService(files, table, new FrontMatterParser(), new MarkdownRenderer(), clock);
  private final ImagePublisher images =
      new ImagePublisher(files, media, new ImageProcessor(), table, posts, clock);
  private final AtomicLong sequencer = new AtomicLong(0x100);

  @AfterEach
  void tableIsConsistent() {
    assertThat(PostsTableInvariants.violations(table.items())).isEmpty();
  }

  private PublishingService.Outcome putPost(String key, String content) {
    String version = files.upload(key, content.getBytes(StandardCharsets.UTF_8));
    return posts.apply(new ObjectChange(BUCKET, key, version, next(), false));
  }

  private ImagePublisher.Outcome putImage(String key, byte[] bytes) {
    String version = files.upload(key, bytes);
    return images.apply(new ObjectChange(BUCKET, key, version, next(), false));
  }

  private ImagePublisher.Outcome deleteImage(String key) {
    files.delete(key);
    return images.apply(new ObjectChange(BUCKET, key, null, next(), true));
  }

  private PublishingService.Outcome deletePost(String key) {
    files.delete(key);
    return posts.apply(new ObjectChange(BUCKET, key, null, next(), true));
  }

  private String next() {
    return ObjectChange.normaliseSequencer(Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
  }

  private Post stored(String slug) {
    return PostMapper.fromItems(table.item(PostMapper.postKey(slug)), List.of());
  }

  private static String withPicture(String title, String body) {
    return post(title, "2025-10-01", "image: cover.jpg\nimageAlt: Two chairs by a window\n", body);
  }

  @Test
  void imageUploadedAfterItsPostAppearsInItWithoutTheMarkdownUploadedAgain() {
    putPost("posts/walk.md", post("Walk", "2025-10-01", "", "![A path through the woods](path.jpg)"));
    assertThat(stored("walk").html()).doesNotContain("<img");
    assertThat(files.report("posts/walk.md").warnings())
        .singleElement()
        .asString()
        .contains("posts/walk/path.jpg", "Upload it there");

    ImagePublisher.Outcome outcome = putImage("posts/walk/path.jpg", SampleImages.jpeg(1200, 800, Color.GREEN));

    assertThat(outcome.kind()).isEqualTo(ImagePublisher.Outcome.Kind.READY);
    assertThat(outcome.rendered()).containsExactly("posts/walk.md");
    String html = stored("walk").html();
    assertThat(html)
        .containsPattern("<img src=\"/media/[0-9a-f]{16}/path-960\\.jpg\"")
        .contains("width=\"960\"", "height=\"640\"", "alt=\"A path through the woods\"")
        .containsPattern(
            "srcset=\"/media/(\\w{16})/path-480\\.jpg 480w, /media/\\1/path-960\\.jpg 960w,"
                + " /media/\\1/path-1200\\.jpg 1200w\"");
    assertThat(files.report("posts/walk.md").images())
        .containsExactly(new ImageEntry("path.jpg", "posts/walk/path.jpg", "used"));
    assertThat(files.report("posts/walk.md").warnings()).isEmpty();
    ImageReport report = files.imageReport("posts/walk/path.jpg");
    assertThat(report.status()).isEqualTo(ImageReport.Status.READY);
    assertThat(report.usedBy()).containsExactly("posts/walk.md");
    assertThat(report.variants()).extracting(ImageVariant::width).doesNotContain(1600);
  }

  @Test
  void postUploadedAfterItsImagesShowsTheFrontMatterPictureInEverySize() {
    putImage("posts/calm/cover.jpg", SampleImages.jpeg(2000, 1500, Color.BLUE));

    putPost("posts/calm.md", withPicture("Calm", "Text."));

    PostImage hero = stored("calm").image();
    assertThat(hero.src()).matches("/media/[0-9a-f]{16}/cover-960\\.jpg");
    assertThat(hero.width()).isEqualTo(960);
    assertThat(hero.height()).isEqualTo(720);
    assertThat(hero.alt()).isEqualTo("Two chairs by a window");
    assertThat(hero.srcset()).extracting(ImageVariant::width).containsExactly(480, 960, 1600);
    assertThat(hero.openGraph().path()).matches("/media/[0-9a-f]{16}/cover-og\\.jpg");
    assertThat(List.of(hero.openGraph().width(), hero.openGraph().height())).containsExactly(1200, 630);
    assertThat(media.live()).contains(hero.src().substring(1), hero.openGraph().path().substring(1));
    assertThat(media.object(hero.openGraph().path().substring(1)))
        .satisfies(crop -> assertThat(List.of(crop.width(), crop.height())).containsExactly(1200, 630));
    assertThat(files.report("posts/calm.md").warnings()).isEmpty();
  }

  @Test
  void replacedImageGetsNewAddressesInThePostAndTheOldOnesAreRetired() {
    putImage("posts/calm/cover.jpg", SampleImages.jpeg(1000, 600, Color.BLUE));
    putPost("posts/calm.md", withPicture("Calm", "Text."));
    PostImage before = stored("calm").image();
    String etagBefore = stored("calm").contentHash();

    putImage("posts/calm/cover.jpg", SampleImages.jpeg(1000, 600, Color.ORANGE));

    PostImage after = stored("calm").image();
    assertThat(after.src()).isNotEqualTo(before.src());
    assertThat(stored("calm").contentHash()).isNotEqualTo(etagBefore);
    assertThat(media.retired()).containsExactlyInAnyOrderElementsOf(objects(before));
    assertThat(media.live()).containsAll(objects(after));
  }

  @Test
  void deletedImageIsLeftOutOfThePostAndItsVariantsRetired() {
    putImage("posts/walk/path.jpg", SampleImages.jpeg(800, 600, Color.GREEN));
    putPost("posts/walk.md", post("Walk", "2025-10-01", "", "Before.\n\n![A path](path.jpg)\n\nAfter."));
    assertThat(stored("walk").html()).contains("<img");

    ImagePublisher.Outcome outcome = deleteImage("posts/walk/path.jpg");

    assertThat(outcome.kind()).isEqualTo(ImagePublisher.Outcome.Kind.REMOVED);
    assertThat(stored("walk").html()).doesNotContain("<img").contains("Before.", "After.");
    assertThat(files.report("posts/walk.md").images())
        .containsExactly(new ImageEntry("path.jpg", "posts/walk/path.jpg", "missing"));
    assertThat(files.imageReport("posts/walk/path.jpg").status()).isEqualTo(ImageReport.Status.REMOVED);
    assertThat(media.live()).isEmpty();
  }

  @Test
  void deletingAPostKeepsTheMediaImageItSharesWithAnother() {
    putImage("media/logo.png", SampleImages.png(600, 200, Color.RED));
    putPost("posts/a.md", post("A", "2025-10-01", "", "![Our logo](../media/logo.png)"));
    putPost("posts/b.md", post("B", "2025-10-02", "", "![Our logo](/media/logo.png)"));

    deletePost("posts/a.md");

    assertThat(stored("b").html()).containsPattern("<img src=\"/media/\\w{16}/logo-600\\.png\"");
    assertThat(media.retired()).isEmpty();
    assertThat(table.imageReferences("media/logo.png"))
        .extracting(reference -> reference.sourceKey())
        .containsExactly("posts/b.md");
    assertThat(putImage("media/logo.png", SampleImages.png(600, 200, Color.PINK)).rendered())
        .containsExactly("posts/b.md");
  }

  @Test
  void refusedImageIsReportedWithWhyAndThePostPublishedWithoutIt() {
    putPost("posts/walk.md", withPicture("Walk", "![A path](path.jpg)"));

    ImagePublisher.Outcome outcome =
        putImage("posts/walk/path.jpg", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));

    assertThat(outcome.kind()).isEqualTo(ImagePublisher.Outcome.Kind.REFUSED);
    ImageReport report = files.imageReport("posts/walk/path.jpg");
    assertThat(report.status()).isEqualTo(ImageReport.Status.REFUSED);
    assertThat(report.message()).startsWith("Refused: ").isEqualTo("Refused: " + outcome.reason() + " Posts that use it leave it out until then.");
    assertThat(report.usedBy()).containsExactly("posts/walk.md");
    PublishReport post = files.report("posts/walk.md");
    assertThat(post.status()).isEqualTo(PublishReport.Status.PUBLISHED);
    assertThat(post.images())
        .containsExactly(
            new ImageEntry("cover.jpg", "posts/walk/cover.jpg", "missing"),
            new ImageEntry("path.jpg", "posts/walk/path.jpg", "refused"));
    assertThat(post.warnings()).anySatisfy(w -> assertThat(w).contains("path.jpg", outcome.reason()));
    assertThat(stored("walk").html()).doesNotContain("<img", "script");
    assertThat(stored("walk").image()).isNull();
  }

  @Test
  void fileOverTheSizeLimitIsRefusedUnread() {
    ImagePublisher.Outcome outcome =
        putImage("media/huge.jpg", new byte[(int) ImageProcessor.MAX_FILE_BYTES + 1]);

    assertThat(outcome.kind()).isEqualTo(ImagePublisher.Outcome.Kind.REFUSED);
    assertThat(outcome.reason()).startsWith("The file is 25.0 MB, over the limit of 25 MB");
    assertThat(media.live()).isEmpty();
  }

  @Test
  void imagesWithoutAltTextPublishWithAWarningEach() {
    putImage("posts/walk/path.jpg", SampleImages.jpeg(500, 300, Color.GREEN));
    putImage("posts/walk/cover.jpg", SampleImages.jpeg(500, 300, Color.BLUE));

    putPost("posts/walk.md", post("Walk", "2025-10-01", "image: cover.jpg\n", "![](path.jpg)"));

    PublishReport report = files.report("posts/walk.md");
    assertThat(report.status()).isEqualTo(PublishReport.Status.PUBLISHED);
    assertThat(report.message()).isEqualTo("Published. See the warnings.");
    assertThat(report.warnings()).hasSize(2);
    assertThat(report.warnings().get(0)).contains("imageAlt");
    assertThat(report.warnings().get(1)).contains("'path.jpg' has no alt text");
    assertThat(stored("walk").html()).contains("alt=\"\"");
  }

  @Test
  void decorativePictureWithAnEmptyImageAltNeedsNoWarning() {
    putImage("posts/walk/cover.jpg", SampleImages.jpeg(500, 300, Color.BLUE));

    putPost("posts/walk.md", post("Walk", "2025-10-01", "image: cover.jpg\nimageAlt: \"\"\n", "Text."));

    assertThat(files.report("posts/walk.md").warnings()).isEmpty();
    assertThat(stored("walk").image().alt()).isEmpty();
  }

  @Test
  void anotherSitesPictureIsKeptAsWrittenWithoutSizes() {
    putPost(
        "posts/walk.md",
        post("Walk", "2025-10-01", "image: https://images.example/walk.jpg\nimageAlt: A walk\n", "Text."));

    assertThat(stored("walk").image()).isEqualTo(PostImage.external("https://images.example/walk.jpg", "A walk"));
    assertThat(files.report("posts/walk.md").images())
        .containsExactly(new ImageEntry("https://images.example/walk.jpg", null, "external"));
  }

  @Test
  void olderImageEventChangesNothing() {
    String older = files.upload("media/logo.png", SampleImages.png(300, 100, Color.RED));
    String olderSequencer = next();
    putImage("media/logo.png", SampleImages.png(300, 100, Color.BLUE));
    List<String> live = List.copyOf(media.live());

    ImagePublisher.Outcome outcome =
        images.apply(new ObjectChange(BUCKET, "media/logo.png", older, olderSequencer, false));

    assertThat(outcome.kind()).isEqualTo(ImagePublisher.Outcome.Kind.SKIPPED);
    assertThat(media.live()).containsExactlyInAnyOrderElementsOf(live);
    assertThat(table.findImage("media/logo.png")).get().extracting(image -> image.revision()).isEqualTo(1L);
  }

  @Test
  void repeatedImageEventRendersItsPostsAndWritesItsReportAgain() {
    putPost("posts/walk.md", post("Walk", "2025-10-01", "", "![A path](path.jpg)"));
    String version = files.upload("posts/walk/path.jpg", SampleImages.jpeg(500, 300, Color.GREEN));
    ObjectChange change = new ObjectChange(BUCKET, "posts/walk/path.jpg", version, next(), false);
    images.apply(change);
    String html = stored("walk").html();

    ImagePublisher.Outcome again = images.apply(change);

    assertThat(again.kind()).isEqualTo(ImagePublisher.Outcome.Kind.SKIPPED);
    assertThat(stored("walk").html()).isEqualTo(html);
    assertThat(table.findImage("posts/walk/path.jpg")).get().extracting(image -> image.revision()).isEqualTo(1L);
    assertThat(files.imageReport("posts/walk/path.jpg").status()).isEqualTo(ImageReport.Status.READY);
  }

  private static List<String> objects(PostImage image) {
    List<String> keys = new ArrayList<>(image.srcset().stream().map(v -> v.path().substring(1)).toList());
    keys.add(image.openGraph().path().substring(1));
    return keys;
  }
}
