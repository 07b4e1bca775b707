package dev.contentfunctions.kit.events;

import static dev.contentfunctions.kit.events.SampleEvents.file;
import static dev.contentfunctions.kit.events.SampleEvents.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamChangeTest {
  @Test
  void readsTheSampleInsertWithItsImage() throws Exception {
    RecordBatch<StreamChange> batch = StreamChange.read(file("dynamodb-new-consultation.json"));

    StreamChange change = ((RecordBatch.Readable<StreamChange>) batch.entries().get(0)).record();
    assertThat(change.eventName()).isEqualTo(StreamChange.INSERT);
    assertThat(change.keys()).containsEntry("pk", AttributeValue.fromS("REQ#01KF0FVEFS7Q4M2XH8RZ3B6NWD"));
    assertThat(change.newImage().get("preferredTimes").l()).contains(AttributeValue.fromS("Tuesday evening"));
    assertThat(change.sequenceNumber()).isNotBlank();
  }

  @Test
  void readsEveryAttributeType() throws Exception {
    String image =
        "{\"s\":{\"S\":\"x\"},\"n\":{\"N\":\"-1.5E3\"},\"b\":{\"B\":\"AQI=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
            + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"2\"]},\"bs\":{\"BS\":[\"AQ==\"]},"
            + "\"l\":{\"L\":[{\"S\":\"a\"},{\"N\":\"1\"}]},\"m\":{\"M\":{\"k\":{\"S\":\"v\"}}}}";

    StreamChange change = only(StreamChange.read(json(event("INSERT", "1", image))));

    assertThat(change.newImage())
        .containsEntry("s", AttributeValue.fromS("x"))
        .containsEntry("n", AttributeValue.fromN("-1.5E3"))
        .containsEntry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})))
        .containsEntry("t", AttributeValue.fromBool(true))
        .containsEntry("z", AttributeValue.fromNul(true))
        .containsEntry("ss", AttributeValue.fromSs(List.of("a", "b")))
        .containsEntry("ns", AttributeValue.fromNs(List.of("1", "2")))
        .containsEntry("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"), AttributeValue.fromN("1"))))
        .containsEntry("m", AttributeValue.fromM(java.util.Map.of("k", AttributeValue.fromS("v"))));
  }

  @Test
  void aRecordWithABrokenImageIsUnreadableWithItsSequenceNumber() throws Exception {
    String event =
        "{\"Records\":["
            + record("INSERT", "100", "{\"n\":{\"N\":\"twelve\"}}") + ","
            + record("INSERT", "101", "{\"x\":{\"S\":\"a\",\"N\":\"1\"}}") + ","
            + record("INSERT", "102", "{\"x\":{\"Q\":\"a\"}}") + ","
            + record("INSERT", "103", "{\"x\":{\"S\":\"ok\"}}")
            + "]}";

    List<RecordBatch.Entry<StreamChange>> entries = StreamChange.read(json(event)).entries();

    assertThat(entries.subList(0, 3))
        .extracting(entry -> ((RecordBatch.Unreadable<StreamChange>) entry).id())
        .containsExactly("100", "101", "102");
    assertThat(entries.get(3)).isInstanceOf(RecordBatch.Readable.class);
  }

  @Test
  void aRemovalHasNoNewImage() throws Exception {
    String event = "{\"Records\":[{\"eventName\":\"REMOVE\",\"dynamodb\":{\"SequenceNumber\":\"5\",\"Keys\":{\"pk\":{\"S\":\"a\"}}}}]}";

    assertThat(only(StreamChange.read(json(event))).newImage()).isEmpty();
  }

  @Test
  void writesAPartialBatchResponse() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    new BatchResponse(List.of("101")).write(out);

    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"101\"}]}");
  }

  private static StreamChange only(RecordBatch<StreamChange> batch) {
    assertThat(batch.entries()).hasSize(1);
    return ((RecordBatch.Readable<StreamChange>) batch.entries().get(0)).record();
  }

  private static String event(String name, String sequenceNumber, String image) {
    return "{\"Records\":[" + record(name, sequenceNumber, image) + "]}";
  }

  private static String record(String name, String sequenceNumber, String image) {
    return "{\"eventName\":\"" + name + "\",\"dynamodb\":{\"SequenceNumber\":\"" + sequenceNumber
        + "\",\"Keys\":{\"pk\":{\"S\":\"k\"}},\"NewImage\":" + image + "}}";
  }
}
