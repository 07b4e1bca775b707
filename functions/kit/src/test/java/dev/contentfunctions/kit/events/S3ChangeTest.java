package dev.contentfunctions.kit.events;

import static dev.contentfunctions.kit.events.SampleEvents.file;
import static dev.contentfunctions.kit.events.SampleEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class S3ChangeTest {
  @Test
  void readsTheSamplePut() throws Exception {
    RecordBatch<S3Change> batch = S3Change.read(file("s3-put-post.json"));

    assertThat(batch.entries()).hasSize(1);
    S3Change change = ((RecordBatch.Readable<S3Change>) batch.entries().get(0)).record();
    assertThat(change.eventName()).isEqualTo("ObjectCreated:Put");
    assertThat(change.key()).isEqualTo("posts/how-to-rebuild-emotional-connection-after-a-hard-season.md");
    assertThat(change.sequencer()).isEqualTo("0069080A2F7B5C3D21");
    assertThat(change.removed()).isFalse();
  }

  @Test
  void readsTheSampleDeleteAsARemoval() throws Exception {
    RecordBatch<S3Change> batch = S3Change.read(file("s3-delete-post.json"));

    assertThat(((RecordBatch.Readable<S3Change>) batch.entries().get(0)).record().removed()).isTrue();
  }

  @Test
  void decodesTheKeyAsS3EncodesIt() throws Exception {
    RecordBatch<S3Change> batch = S3Change.read(json(record("posts/My+Post%C3%A9.md")));

    assertThat(((RecordBatch.Readable<S3Change>) batch.entries().get(0)).record().key()).isEqualTo("posts/My Posté.md");
  }

  @Test
  void aBrokenRecordIsUnreadableAndTheOthersAreStillRead() throws Exception {
    String event =
        "{\"Records\":["
            + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":7}}},"
            + "\"not a record\","
            + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"posts/%zz.md\"}}},"
            + "{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"posts/a.md\"}}}"
            + "]}";

    List<RecordBatch.Entry<S3Change>> entries = S3Change.read(json(event)).entries();

    assertThat(entries).hasSize(4);
    assertThat(entries.subList(0, 3)).allSatisfy(entry -> assertThat(entry).isInstanceOf(RecordBatch.Unreadable.class));
    assertThat(((RecordBatch.Unreadable<S3Change>) entries.get(0)).reason()).contains("s3.object.key");
    assertThat(((RecordBatch.Readable<S3Change>) entries.get(3)).record().key()).isEqualTo("posts/a.md");
  }

  @Test
  void anEventWithoutRecordsHasNone() throws Exception {
    assertThat(S3Change.read(json("{}")).entries()).isEmpty();
  }

  @Test
  void recordsThatAreNotAnArrayAreAMalformedEvent() {
    assertThatThrownBy(() -> S3Change.read(json("{\"Records\":{}}"))).isInstanceOf(MalformedEventException.class);
  }

  private static String record(String key) {
    return "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\""
        + key
        + "\"}}}]}";
  }
}
