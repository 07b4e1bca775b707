package dev.contentfunctions.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import org.junit.jupiter.params.ParameterizedTest;

/** The sample events of events/ (as `sam local invoke` users run them) against moto. */
class ConsultationSampleEventsIT {
  private final BookingTestBed bed = new BookingTestBed();

  @ParameterizedTest
  @Event(value = "events/consultation-json.json", type = APIGatewayV2HTTPEvent.class)
  void jsonSampleIsRecordedAndItsRetryAnsweredAlike(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse first = bed.send(event);
    APIGatewayV2HTTPResponse retry = bed.send(event);

    assertThat(first.getStatusCode()).isEqualTo(201);
    assertThat(retry.getBody()).isEqualTo(first.getBody());
    assertThat(bed.requestsOf("alex@example.com")).hasSize(1);
  }

  @ParameterizedTest
  @Event(value = "events/consultation-form.json", type = APIGatewayV2HTTPEvent.class)
  void formSampleIsRecordedAndRedirected(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = bed.send(event);

    assertThat(response.getStatusCode()).isEqualTo(303);
    assertThat(response.getHeaders()).containsEntry("Location", BookingTestBed.THANK_YOU);
    assertThat(bed.requestsOf("alex@example.com")).singleElement().satisfies(c -> assertThat(c.timezone()).isEqualTo("Europe/London"));
  }

  @ParameterizedTest
  @Event(value = "events/consultation-invalid.json", type = APIGatewayV2HTTPEvent.class)
  void invalidSampleGetsItsFieldErrors(APIGatewayV2HTTPEvent event) {
    APIGatewayV2HTTPResponse response = bed.send(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(BookingTestBed.body(response).path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("name", "email", "consent");
  }
}
