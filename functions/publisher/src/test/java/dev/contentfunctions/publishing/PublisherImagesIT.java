package dev.contentfunctions.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.contentfunctions.localaws.LocalContext;
import dev.contentfunctions.tables.posts.ImageVariant;
import dev.contentfunctions.tables.posts.PostImage;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The publisher handler with images, against moto: S3 events of a post's folder and of media/, the
 * variants in the media bucket as the CDN serves them, and the tags its lifecycle rule expires.
 */
class PublisherImagesIT {
  private final PublishingTestBed bed = new PublishingTestBed();

  private void put(String key, byte[] bytes, String sequencer, LocalContext context) {
    bed.invoke(bed.putEvent(key, bed.upload(key, bytes), sequencer), context);
  }

  private ResponseBytes<GetObjectResponse> media(String path) {
    return bed.moto.s3().getObjectAsBytes(r -> r.bucket(bed.mediaBucket).key(path.substring(1)));
  }

  private Map<String, String> tags(String path) {
    return bed.moto.s3().getObjectTagging(r -> r.bucket(bed.mediaBucket).key(path.substring(1))).tagSet().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  @Test
  void imageEventWritesImmutableVariantsAndThePostShowsThem() throws Exception {
    String post = PublishingTestBed.post("Calm", "2025-10-01", "image: cover.jpg\nimageAlt: A lake at dawn\n", "Text.");
    bed.invoke(bed.putEvent("posts/calm.md", bed.upload("posts/calm.md", post), "01"));
    LocalContext context = new LocalContext("PublisherFunction");

    put("posts/calm/cover.jpg", SampleImages.jpeg(1800, 1200, Color.BLUE), "02", context);

    PostImage hero = bed.post("calm").orElseThrow().image();
    assertThat(hero.srcset()).extracting(ImageVariant::width).containsExactly(480, 960, 1600);
    for (ImageVariant variant : hero.srcset()) {
      ResponseBytes<GetObjectResponse> object = media(variant.path());
      assertThat(object.response().contentType()).isEqualTo("image/jpeg");
      assertThat(object.response().cacheControl()).isEqualTo("public, max-age=31536000, immutable");
      var decoded = ImageIO.read(new ByteArrayInputStream(object.asByteArray()));
      assertThat(List.of(decoded.getWidth(), decoded.getHeight()))
          .containsExactly(variant.width(), variant.height());
    }
    assertThat(media(hero.openGraph().path()).response().contentType()).isEqualTo("image/jpeg");
    JsonNode report = bed.report("posts/calm/cover.jpg");
    assertThat(report.path("status").asText()).isEqualTo("ready");
    assertThat(report.path("usedBy").get(0).asText()).isEqualTo("posts/calm.md");
    assertThat(report.path("variants").size()).isEqualTo(3);
    assertThat(bed.report("posts/calm.md").path("images").get(0).path("status").asText()).isEqualTo("used");
    assertThat(context.logLines())
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"image.ready\"", "posts/calm/cover.jpg"))
        .anySatisfy(line -> assertThat(line).contains("\"message\":\"post.rendered\"", "posts/calm.md"));
  }

  @Test
  void replacedImageTagsItsOldVariantsRetiredAndKeepsTheNewOnes() {
    put("media/logo.png", SampleImages.png(700, 300, Color.RED), "01", new LocalContext("PublisherFunction"));
    List<String> before = bed.imageRecord("media/logo.png").paths();

    put("media/logo.png", SampleImages.png(700, 300, Color.GREEN), "02", new LocalContext("PublisherFunction"));

    List<String> after = bed.imageRecord("media/logo.png").paths();
    assertThat(after).doesNotContainAnyElementsOf(before);
    before.forEach(path -> assertThat(tags(path)).containsEntry("retired", "true"));
    after.forEach(path -> assertThat(tags(path)).doesNotContainKey("retired"));
    assertThat(media(after.get(0)).response().contentType()).isEqualTo("image/png");
  }

  @Test
  void fileThatIsNotAnImageIsRefusedAndLoggedWithoutItsContent() {
    LocalContext context = new LocalContext("PublisherFunction");

    put("media/photo.jpg", "<html><body>Dear coach, my name is".getBytes(), "01", context);

    assertThat(bed.report("media/photo.jpg").path("status").asText()).isEqualTo("refused");
    assertThat(bed.report("media/photo.jpg").path("message").asText()).startsWith("Refused: ");
    assertThat(context.logLines())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("\"message\":\"image.refused\"", "media/photo.jpg")
                    .doesNotContain("Dear coach"));
    assertThat(dev.contentfunctions.testkit.EmfLines.labels(context.metricLines()))
        .containsExactly("ColdStart=1.0", "ImagesProcessed=0.0", "ImagesRefused=1.0");
  }

  @Test
  void deletedImageIsRecordedRemovedAndItsVariantsRetired() {
    put("media/logo.png", SampleImages.png(300, 100, Color.RED), "01", new LocalContext("PublisherFunction"));
    List<String> paths = bed.imageRecord("media/logo.png").paths();

    bed.deleteObject("media/logo.png");
    bed.invoke(bed.deleteEvent("media/logo.png", "02"));

    assertThat(bed.imageRecord("media/logo.png").state().name()).isEqualTo("REMOVED");
    paths.forEach(path -> assertThat(tags(path)).containsEntry("retired", "true"));
    assertThat(bed.report("media/logo.png").path("status").asText()).isEqualTo("removed");
  }
}
