package dev.contentfunctions.consultations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.aws.AwsErrors;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.TypedHttpRequest;
import dev.contentfunctions.http.HttpResponses;
import dev.contentfunctions.kit.json.JsonWriter;
import dev.contentfunctions.kit.log.EventLog;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /consultations} -> {@link BookingService}. The site's script sends JSON and gets 201
 * with the request's id; a plain HTML form (no JavaScript) gets a 303 to the thank-you page. Bad
 * input is a problem+json 4xx, DynamoDB trouble a 503 to retry; logs carry ids and outcomes only,
 * never what the visitor wrote.
 */
public final class ConsultationsHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  private static final int RETRY_AFTER_SECONDS = 2;

  private final SubmissionReader reader = new SubmissionReader();
  private final BookingService service;
  private final String thankYouUrl;

  /** Called by Lambda once per container: the client and everything else are built here, once. */
  public ConsultationsHandler() {
    this(
        ConsultationsConfig.fromEnvironment(),
        AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(),
        Clock.systemUTC());
  }

  ConsultationsHandler(ConsultationsConfig config, DynamoDbClient dynamoDb, Clock clock) {
    this.service =
        new BookingService(
            new ConsultationRepository(dynamoDb, config.table()),
            new SaltedHash(config.hashingSecret()),
            config.retention(),
            clock);
    this.thankYouUrl = config.thankYouUrl();
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    TypedHttpRequest request = new TypedHttpRequest(event, context);
    String requestId = request.requestId();
    EventLog log = new EventLog(context.getLogger(), requestId);
    try {
      if (!request.method().equals("POST")) {
        throw new ApiException.MethodNotAllowed(request.method(), "POST");
      }
      SubmissionReader.Submission submission =
          reader.read(request.header("content-type"), request.body(), request.isBase64Encoded());
      BookingService.Result result =
          service.submit(submission.fields(), request.sourceIp(), request.header("idempotency-key"));
      log.info("consultation." + result.outcome().name().toLowerCase(Locale.ROOT), "id", result.id());
      return submission.format() == SubmissionReader.Format.FORM ? seeThankYouPage() : created(result.id());
    } catch (ApiException e) {
      log.info("consultation.refused", "status", e.status(), "fields", fieldNames(e));
      if (isBrowserForm(request)) {
        Map<String, String> headers = new java.util.HashMap<>(e.headers());
        headers.put("Cache-Control", "no-store");
        return HttpResponses.response(e.status(), "text/html; charset=utf-8", FormErrorPage.render(e), headers);
      }
      return HttpResponses.problem(e, requestId);
    } catch (SdkException e) {
      if (AwsErrors.isTransient(e)) {
        log.warn("dependency.unavailable", "error", e.getClass().getSimpleName());
        return HttpResponses.problem(
            new ApiException.Unavailable(
                "Your request could not be saved just now; please send it again in a few seconds.", RETRY_AFTER_SECONDS),
            requestId);
      }
      log.error("consultation.error", "error", e.getClass().getSimpleName());
      return HttpResponses.unexpected(requestId);
    } catch (RuntimeException e) {
      // The exception's message could echo input: only its type is logged.
      log.error("consultation.error", "error", e.getClass().getSimpleName());
      return HttpResponses.unexpected(requestId);
    }
  }

  /** A plain HTML form posted by a browser (no script to read problem+json): answered with a page. */
  private static boolean isBrowserForm(TypedHttpRequest request) {
    String contentType = request.header("content-type");
    String accept = request.header("accept");
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
        && accept != null
        && accept.contains("text/html");
  }

  private static APIGatewayV2HTTPResponse created(String id) {
    String body = JsonWriter.object().field("id", id).field("status", "new").finish();
    return HttpResponses.response(201, HttpResponses.JSON, body, Map.of("Cache-Control", "no-store"));
  }

  private APIGatewayV2HTTPResponse seeThankYouPage() {
    return HttpResponses.response(303, null, null, Map.of("Location", thankYouUrl, "Cache-Control", "no-store"));
  }

  /** Which fields were wrong, not what was in them. */
  private static Object fieldNames(ApiException e) {
    Object errors = e.extensions().get("errors");
    if (errors instanceof java.util.List<?> list) {
      return list.stream().map(error -> ((ApiException.FieldError) error).field()).toList();
    }
    return java.util.List.of();
  }
}
