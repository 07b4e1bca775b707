package dev.contentfunctions.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.tables.posts.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class ObjectChangeTest {
  @ParameterizedTest
  @Event(value = "events/s3-put-post.json", type = S3Event.class)
  void samplePutEventIsAChangeToThePostFile(S3Event event) {
    ObjectChange change = ObjectChange.from(event.getRecords().get(0));

    assertThat(change.bucket()).isEqualTo("content-functions-content-123456789012");
    assertThat(change.key()).isEqualTo("posts/how-to-rebuild-emotional-connection-after-a-hard-season.md");
    assertThat(change.removed()).isFalse();
    assertThat(change.sequencer()).startsWith("0069080A2F7B5C3D21").hasSize(ObjectChange.SEQUENCER_WIDTH);
  }

  @ParameterizedTest
  @Event(value = "events/s3-delete-post.json", type = S3Event.class)
  void sampleDeleteEventIsARemoval(S3Event event) {
    assertThat(ObjectChange.from(event.getRecords().get(0)).removed()).isTrue();
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
        Optional.of(new SourceFile("k", "s", List.of(), List.of(), List.of(), 0, ObjectChange.normaliseSequencer("20"), 1, false, null, List.of()));

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
