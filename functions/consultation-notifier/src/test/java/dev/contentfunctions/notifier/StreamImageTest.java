package dev.contentfunctions.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import dev.contentfunctions.shared.consultations.Consultation;
import dev.contentfunctions.shared.consultations.ConsultationMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StreamImageTest {

  private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue
      value() {
    return new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
  }

  @Test
  void convertsEveryTypeTheTableHolds() {
    var image =
        Map.of(
            "s", value().withS("text"),
            "n", value().withN("42"),
            "yes", value().withBOOL(true),
            "no", value().withBOOL(false),
            "nothing", value().withNULL(true),
            "list", value().withL(value().withS("a"), value().withL(), value().withN("1")),
            "map",
                value().withM(Map.of("inner", value().withM(Map.of("deep", value().withS("x"))))));

    assertThat(StreamImage.toSdk(image))
        .containsOnly(
            Map.entry("s", AttributeValue.fromS("text")),
            Map.entry("n", AttributeValue.fromN("42")),
            Map.entry("yes", AttributeValue.fromBool(true)),
            Map.entry("no", AttributeValue.fromBool(false)),
            Map.entry("nothing", AttributeValue.fromNul(true)),
            Map.entry(
                "list",
                AttributeValue.fromL(
                    List.of(
                        AttributeValue.fromS("a"),
                        AttributeValue.fromL(List.of()),
                        AttributeValue.fromN("1")))),
            Map.entry(
                "map",
                AttributeValue.fromM(
                    Map.of(
                        "inner",
                        AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("x")))))));
  }

  @Test
  void emptyStringIsAStringNotAMissingValue() {
    assertThat(StreamImage.toSdk(Map.of("s", value().withS(""))))
        .containsOnly(Map.entry("s", AttributeValue.fromS("")));
  }

  @Test
  void typeTheTableDoesNotHoldFailsWithoutRepeatingTheValue() {
    var image = Map.of("emails", value().withSS("alex@example.com"));

    assertThatThrownBy(() -> StreamImage.toSdk(image))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("alex@example.com");
  }

  @Test
  void valueWithNoTypeFails() {
    assertThatThrownBy(() -> StreamImage.toSdk(Map.of("blank", value())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @Event(value = "events/dynamodb-new-consultation.json", type = DynamodbEvent.class)
  void sampleEventHoldsARequestExactlyAsTheMapperWritesIt(DynamodbEvent sample) {
    Map<String, AttributeValue> image =
        StreamImage.toSdk(sample.getRecords().get(0).getDynamodb().getNewImage());

    Consultation request = ConsultationMapper.fromItem(image);

    assertThat(request.id()).isEqualTo("01KF0FVEFS7Q4M2XH8RZ3B6NWD");
    assertThat(request.status()).isEqualTo(Consultation.Status.NEW);
    assertThat(request.receivedAt()).isEqualTo(Instant.parse("2026-01-15T09:30:12.345Z"));
    assertThat(request.name()).isEqualTo("Alex Example");
    assertThat(request.email()).isEqualTo("alex@example.com");
    assertThat(request.preferredTimes()).containsExactly("Tuesday evening", "Saturday morning");
    assertThat(request.consent()).isTrue();
    assertThat(request.handledAt()).isNull();
    // Every attribute toItem writes for a new request, and nothing else.
    assertThat(ConsultationMapper.toItem(request)).isEqualTo(image);
    assertThat(StreamImage.toSdk(sample.getRecords().get(0).getDynamodb().getKeys()))
        .isEqualTo(ConsultationMapper.requestKey(request.id()));
  }
}
