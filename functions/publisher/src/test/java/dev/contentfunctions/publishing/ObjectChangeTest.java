package dev.contentfunctions.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.S3Change;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.posts.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectChangeTest {
  private static ObjectChange firstChange(String sampleEvent) throws IOException {
    RecordBatch<S3Change> batch = S3Change.read(new ByteArrayInputStream(RepoPaths.sampleEvent(sampleEvent)));
    return ObjectChange.from(((RecordBatch.Readable<S3Change>) batch.entries().get(0)).record());
  }

  @Test
  void samplePutEventIsAChangeToThePostFile() throws IOException {
    ObjectChange change = firstChange("s3-put-post.json");

    assertThat(change.bucket()).isEqualTo("content-functions-content-123456789012");
    assertThat(change.key()).isEqualTo("posts/how-to-rebuild-emotional-connection-after-a-hard-season.md");
    assertThat(change.removed()).isFalse();
    assertThat(change.sequencer()).startsWith("0069080A2F7B5C3D21").hasSize(ObjectChange.SEQUENCER_WIDTH);
  }

  @Test
  void sampleDeleteEventIsARemoval() throws IOException {
    assertThat(firstChange("s3-delete-post.json").removed()).isTrue();
  }

  @Test
  void sequencersAreRightPaddedSoStringOrderIsEventOrder() {
    String shortNewer = ObjectChange.normaliseSequencer("0069a1");
    String longOlder = ObjectChange.normaliseSequencer("00699F00");

    assertThat(shortNewer.compareTo(longOlder)).isPositive();
    assertThat(shortNewer).isEqualTo(ObjectChange.normaliseSequencer("0069A1"));
  }

  @Test
  void missingSequencerIsNullAndAMalformedOneIsRefused() {
    assertThat(ObjectChange.normaliseSequencer(null)).isNull();
    assertThat(ObjectChange.normaliseSequencer(" ")).isNull();
    assertThatThrownBy(() -> ObjectChange.normaliseSequencer("not-hex"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eventIsStaleOnlyWhenNotNewerThanTheAppliedOne() {
    Optional<SourceFile> applied =
        Optional.of(new SourceFile("k", "s", List.of(), List.of(), List.of(), 0, ObjectChange.normaliseSequencer("20"), 1, false, null, List.of(), List.of()));

    assertThat(PublishingService.isStale(change("10"), applied)).isTrue();
    assertThat(PublishingService.isStale(change("20"), applied)).isTrue();
    assertThat(PublishingService.isStale(change("30"), applied)).isFalse();
    assertThat(PublishingService.isStale(change("10"), Optional.empty())).isFalse();
    assertThat(PublishingService.isStale(change(null), applied)).isFalse();
  }

  private static ObjectChange change(String sequencer) {
    return new ObjectChange("b", "k", null, ObjectChange.normaliseSequencer(sequencer), false);
  }
}
