package dev.contentfunctions.coach;

import static dev.contentfunctions.coach.CoachTestBed.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.coach.CoachTestBed.Caller;
import dev.contentfunctions.tables.consultations.Consultation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API Gateway lets only SigV4-signed requests through to these routes; the handler refuses anything
 * without an IAM identity all the same, before it looks at the path or touches the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoachAuthorisationIT {
  private static final String EMAIL = "guarded@example.org";

  private final CoachTestBed bed = new CoachTestBed();
  private Consultation request;

  @BeforeAll
  void seed() {
    request = bed.request(Instant.parse("2026-01-15T10:00:00Z"), "Guarded Person", EMAIL);
    bed.seed(request);
  }

  @AfterAll
  void nothingPersonalWasLogged() {
    bed.assertNothingPersonalWasLogged();
  }

  Stream<Arguments> unsignedRequests() {
    List<Arguments> arguments = new ArrayList<>();
    for (Caller caller : List.of(Caller.NO_AUTHORIZER, Caller.JWT_ONLY, Caller.IAM_WITHOUT_IDENTITY)) {
      arguments.add(Arguments.of(caller, "GET", "/coach/consultations?status=new"));
      arguments.add(Arguments.of(caller, "GET", "/coach/consultations.csv"));
      arguments.add(Arguments.of(caller, "POST", "/coach/consultations/" + request.id() + "/handled"));
      arguments.add(Arguments.of(caller, "POST", "/coach/erasures"));
      arguments.add(Arguments.of(caller, "GET", "/coach/nothing-here"));
      arguments.add(Arguments.of(caller, "DELETE", "/coach/erasures"));
    }
    return arguments.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("unsignedRequests")
  void everyRouteRefusesARequestWithoutIamIdentity(Caller caller, String method, String path) {
    String body = method.equals("POST") ? "{\"email\": \"" + EMAIL + "\"}" : null;

    APIGatewayV2HTTPResponse response = bed.send(method, path, body, caller);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json; charset=utf-8");
    assertThat(json(response).path("title").asText()).isEqualTo("Forbidden");
    assertThat(response.getBody()).doesNotContain("Guarded", EMAIL, request.id());
    Consultation stored = bed.stored(request.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(Consultation.Status.NEW);
  }

  @Test
  void directInvocationWithAnEmptyEventIsRefused() {
    APIGatewayV2HTTPResponse response = bed.invoke(bed.handler, new APIGatewayV2HTTPEvent());

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(json(response).path("requestId").asText()).isNotBlank();
  }
}
