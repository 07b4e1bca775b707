package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contentfunctions.kit.events.RecordBatch;
import dev.contentfunctions.kit.events.StreamChange;
import dev.contentfunctions.localaws.RepoPaths;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.ConsultationMapper;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** events/dynamodb-new-consultation.json is what the table's stream really carries for a new request. */
class SampleStreamEventTest {
  @Test
  void sampleEventHoldsARequestExactlyAsTheMapperWritesIt() throws Exception {
    RecordBatch<StreamChange> batch =
        StreamChange.read(new ByteArrayInputStream(RepoPaths.sampleEvent("dynamodb-new-consultation.json")));
    StreamChange change = ((RecordBatch.Readable<StreamChange>) batch.entries().get(0)).record();

    Consultation request = ConsultationMapper.fromItem(change.newImage());

    assertThat(request.id()).isEqualTo("01KF0FVEFS7Q4M2XH8RZ3B6NWD");
    assertThat(request.status()).isEqualTo(Consultation.Status.NEW);
    assertThat(request.receivedAt()).isEqualTo(Instant.parse("2026-01-15T09:30:12.345Z"));
    assertThat(request.name()).isEqualTo("Alex Example");
    assertThat(request.email()).isEqualTo("alex@example.com");
    assertThat(request.preferredTimes()).containsExactly("Tuesday evening", "Saturday morning");
    assertThat(request.consent()).isTrue();
    assertThat(request.handledAt()).isNull();
    // Every attribute toItem writes for a new request, and nothing else.
    assertThat(ConsultationMapper.toItem(request)).isEqualTo(change.newImage());
    assertThat(change.keys()).isEqualTo(ConsultationMapper.requestKey(request.id()));
  }
}
