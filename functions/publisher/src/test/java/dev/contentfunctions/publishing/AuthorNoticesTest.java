package dev.contentfunctions.publishing;

import static dev.contentfunctions.publishing.PublishingTestBed.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.publishing.PublishingService.Outcome.Kind;
import dev.contentfunctions.publishing.markdown.FrontMatterParser;
import dev.contentfunctions.publishing.markdown.MarkdownRenderer;
import dev.contentfunctions.tables.posts.InMemoryPublicationRepository;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The author's notices: one per upload that fails or is published with warnings, saying which file,
 * what is wrong and where, and what readers see; none for a clean upload, none for the same event
 * delivered again (a Lambda retry), and a notice that cannot be sent never fails the upload.
 */
class AuthorNoticesTest {
  private static final String BUCKET = "content";

  private final InMemoryPostFiles files = new InMemoryPostFiles();
  private final Clock clock = Clock.fixed(PublishingTestBed.NOW, ZoneOffset.UTC);
  private final InMemoryPublicationRepository table = new InMemoryPublicationRepository(clock);
  private final InMemoryAuthorNotices mailbox = new InMemoryAuthorNotices();
  private final PublishingService service =
      new PublishingService(
          files, table, new FrontMatterParser(), new MarkdownRenderer(), clock, new OnceNotices(mailbox, table, clock));

  private PublishingService.Outcome apply(String key, String version, String sequencer) {
    return service.apply(new ObjectChange(BUCKET, key, version, ObjectChange.normaliseSequencer(sequencer), false));
  }

  private String upload(String key, String content) {
    return files.upload(key, content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aBrokenFrontMatterIsToldOnceWithItsLineAndColumnAndThatThePreviousVersionIsLive() {
    assertThat(apply("posts/a.md", upload("posts/a.md", post("Good", "2025-10-01", "", "Body.")), "10").kind())
        .isEqualTo(Kind.PUBLISHED);
    String broken = upload("posts/a.md", "---\ntitle: Broken\ndate: 2025-10-01\ntags: [a, b\n---\n\nBody.");

    assertThat(apply("posts/a.md", broken, "20").kind()).isEqualTo(Kind.FAILED);
    assertThat(apply("posts/a.md", broken, "20").kind()).as("the same event, retried").isEqualTo(Kind.FAILED);

    assertThat(mailbox.sent()).singleElement().satisfies(notice -> {
      assertThat(notice.key()).isEqualTo("posts/a.md");
      assertThat(notice.subject()).isEqualTo("Not published: a.md");
      assertThat(notice.text())
          .contains("The file posts/a.md could not be published.")
          .containsPattern("line \\d+, column \\d+")
          .contains("The version published before is still live")
          .contains("reports/posts/a.md.json")
          .contains(broken);
    });
    assertThat(files.report("posts/a.md").status()).isEqualTo(PublishReport.Status.FAILED);
  }

  @Test
  void aFirstUploadThatFailsSaysNothingWasPublished() {
    apply("posts/new.md", upload("posts/new.md", "no front matter at all"), "10");

    assertThat(mailbox.sent()).singleElement()
        .satisfies(notice -> assertThat(notice.text()).contains("Nothing was published from this file"));
  }

  @Test
  void aFileTooLargeIsTold() {
    byte[] huge = new byte[(int) PublishingService.MAX_SOURCE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) 'a');

    apply("posts/huge.md", files.upload("posts/huge.md", huge), "10");

    assertThat(mailbox.sent()).singleElement()
        .satisfies(notice -> assertThat(notice.text()).contains("bytes; a post may be at most"));
  }

  @Test
  void aPostPublishedWithWarningsIsToldOnceAndTheSameEventSeenAgainSendsNothing() {
    String version =
        upload("posts/pics.md", post("Pics", "2025-10-01", "image: cover.jpg\nimageAlt: A cover\n", "![](walk.jpg)\n"));

    assertThat(apply("posts/pics.md", version, "10").kind()).isEqualTo(Kind.PUBLISHED);
    assertThat(apply("posts/pics.md", version, "10").kind()).as("seen again").isEqualTo(Kind.SKIPPED);

    assertThat(mailbox.sent()).singleElement().satisfies(notice -> {
      assertThat(notice.subject()).isEqualTo("Published with warnings: pics.md");
      assertThat(notice.text())
          .contains("Published.")
          .contains("- The image 'cover.jpg' is left out: there is no posts/pics/cover.jpg in the bucket yet.")
          .contains("walk.jpg");
    });
  }

  @Test
  void aRefusedImageIsToldOnceAndThePostsRenderedWithoutItSendNothing() {
    ImagePublisher images =
        new ImagePublisher(files, new InMemoryMediaStore(), new dev.contentfunctions.publishing.images.ImageProcessor(),
            table, service, clock, new OnceNotices(mailbox, table, clock));
    String post = upload("posts/walk.md", post("Walk", "2025-10-01", "", "![A path](path.jpg)"));
    apply("posts/walk.md", post, "10");
    assertThat(mailbox.sent()).as("the post's own notice: its image is missing").hasSize(1);
    String picture = upload("posts/walk/path.jpg", "<html><script>alert(1)</script></html>");
    ObjectChange change = new ObjectChange(BUCKET, "posts/walk/path.jpg", picture, ObjectChange.normaliseSequencer("20"), false);

    assertThat(images.apply(change).kind()).isEqualTo(ImagePublisher.Outcome.Kind.REFUSED);
    assertThat(images.apply(change).kind()).as("seen again").isEqualTo(ImagePublisher.Outcome.Kind.SKIPPED);

    assertThat(mailbox.sent()).hasSize(2);
    assertThat(mailbox.sent().get(1)).satisfies(notice -> {
      assertThat(notice.subject()).isEqualTo("Image refused: path.jpg");
      assertThat(notice.text())
          .contains("The image posts/walk/path.jpg was refused.")
          .contains("Posts that use it leave it out", "posts/walk.md");
    });
  }

  @Test
  void aCleanUploadSendsNothing() {
    apply("posts/clean.md", upload("posts/clean.md", post("Clean", "2025-10-01", "", "Just text.")), "10");

    assertThat(mailbox.sent()).isEmpty();
  }

  @Test
  void aNewUploadOfTheFileIsToldAgain() {
    apply("posts/a.md", upload("posts/a.md", "broken once"), "10");
    apply("posts/a.md", upload("posts/a.md", "broken twice"), "20");

    assertThat(mailbox.sent()).hasSize(2);
  }

  @Test
  void aNoticeThatCannotBeSentIsLoggedWithoutItsTextAndTheUploadStands() {
    List<String> lines = new ArrayList<>();
    AuthorNotices failing =
        new SnsAuthorNotices(
            () -> {
              throw SdkClientException.create("SNS is unreachable");
            },
            "arn:aws:sns:us-east-1:123456789012:author",
            Log.to(lines::add, Log.Level.DEBUG, clock));
    PublishingService failingService =
        new PublishingService(files, table, new FrontMatterParser(), new MarkdownRenderer(), clock, failing);
    String version = upload("posts/b.md", "---\ntitle: [unclosed\n---\nBody.");

    PublishingService.Outcome outcome =
        failingService.apply(new ObjectChange(BUCKET, "posts/b.md", version, "10", false));

    assertThat(outcome.kind()).isEqualTo(Kind.FAILED);
    assertThat(files.report("posts/b.md").status()).isEqualTo(PublishReport.Status.FAILED);
    assertThat(lines).singleElement().asString()
        .contains("author.notice_failed", "posts/b.md", "SdkClientException")
        .doesNotContain("unclosed", "could not be published");
  }
}
