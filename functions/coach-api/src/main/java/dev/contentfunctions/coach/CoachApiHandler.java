package dev.contentfunctions.coach;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.aws.AwsErrors;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.SaltedHash;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.Body;
import dev.contentfunctions.http.TypedHttpRequest;
import dev.contentfunctions.http.HttpResponses;
import dev.contentfunctions.kit.json.JsonReader;
import dev.contentfunctions.kit.log.EventLog;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * API Gateway (HTTP API, payload 2.0) -> {@link CoachService} -> JSON or CSV. API Gateway lets only
 * SigV4-signed requests of allowed IAM identities through; the handler checks again that the event
 * carries such an identity, so that a route added without the authorizer, or an invocation that does
 * not come through API Gateway, serves nothing. Every failure is an RFC 9457 problem, and the log
 * holds routes, ids, counts and outcomes only: never a name, an address or a message.
 */
public final class CoachApiHandler
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  /** Seconds the coach should wait before retrying when DynamoDB is throttling or unreachable. */
  static final int RETRY_AFTER_SECONDS = 5;

  /** An erasure body holds one address; anything much longer is not one. */
  private static final int MAX_BODY_BYTES = 4096;

  /** Every answer holds personal data: no browser, proxy or CDN may keep a copy. */
  private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

  private final CoachService service;

  /** Called by Lambda once per container: the client and everything else are built here, once. */
  public CoachApiHandler() {
    this(
        CoachApiConfig.fromEnvironment(),
        AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(),
        Clock.systemUTC());
  }

  public CoachApiHandler(CoachApiConfig config, DynamoDbClient dynamoDb, Clock clock) {
    this.service =
        new CoachService(
            new ConsultationRepository(dynamoDb, config.consultationsTable()),
            new SaltedHash(config.hashingSecret()),
            clock);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    TypedHttpRequest request = new TypedHttpRequest(event, context);
    EventLog log = new EventLog(context.getLogger(), request.requestId());
    // The template's route, never the raw path: a mistyped URL may hold an e-mail address.
    String route = null;
    try {
      requireIamCaller(event);
      CoachRoute.Match match =
          CoachRoute.match(request.path())
              .orElseThrow(() -> new ApiException.NotFound("There is no coach route here."));
      route = match.route().key();
      if (!request.method().equals(match.route().method())) {
        throw new ApiException.MethodNotAllowed(request.method(), match.route().method());
      }
      return serve(match, request, log, route);
    } catch (ApiException e) {
      log.info("request.refused", "route", route, "status", e.status());
      return HttpResponses.problem(e, request.requestId());
    } catch (SdkClientException | AwsServiceException e) {
      if (AwsErrors.isTransient(e)) {
        log.warn("dependency.unavailable", "route", route, "error", errorName(e));
        return HttpResponses.problem(
            new ApiException.Unavailable(
                "The booking requests are briefly unavailable; please try again in a few seconds.",
                RETRY_AFTER_SECONDS),
            request.requestId());
      }
      log.error("request.failed", "route", route, "error", errorName(e));
      return HttpResponses.unexpected(request.requestId());
    } catch (RuntimeException e) {
      // The class only: an exception's message may quote the data it choked on.
      log.error("request.failed", "route", route, "error", errorName(e));
      return HttpResponses.unexpected(request.requestId());
    }
  }

  private APIGatewayV2HTTPResponse serve(CoachRoute.Match match, TypedHttpRequest request, EventLog log, String route) {
    return switch (match.route()) {
      case LIST -> {
        CoachService.Page page = service.list(request.query("status"), request.query("limit"), request.query("cursor"));
        log.info(
            "consultations.listed",
            "route", route,
            "count", page.consultations().size(),
            "more", page.nextCursor() != null);
        yield HttpResponses.response(200, HttpResponses.JSON, ConsultationJson.page(page), NO_STORE);
      }
      case EXPORT -> {
        CoachService.Export export = service.export(request.query("status"));
        log.info("consultations.exported", "route", route, "count", export.consultations().size());
        yield HttpResponses.response(
            200,
            ConsultationCsv.CONTENT_TYPE,
            ConsultationCsv.write(export.consultations()),
            Map.of(
                "Cache-Control", "no-store",
                "Content-Disposition",
                    "attachment; filename=\"consultations-" + export.status().value() + ".csv\""));
      }
      case MARK_HANDLED -> {
        Consultation handled = service.markHandled(match.id());
        log.info("consultation.handled", "route", route, "id", handled.id());
        yield HttpResponses.response(
            200, HttpResponses.JSON, ConsultationJson.consultation(handled).toString(), NO_STORE);
      }
      case ERASE -> {
        if (request.query("email") != null) {
          throw new ApiException.BadRequest(
              "Send the address in the JSON body, never in the URL: URLs are kept in logs.");
        }
        int erased = service.erase(erasureAddress(request));
        log.info("person.erased", "route", route, "count", erased);
        yield HttpResponses.response(200, HttpResponses.JSON, ConsultationJson.erased(erased), NO_STORE);
      }
    };
  }

  /**
   * The IAM identity API Gateway verified, in requestContext.authorizer.iam: both its access key and
   * its ARN, which AWS always sends for a SigV4-authorised route.
   */
  private static void requireIamCaller(APIGatewayV2HTTPEvent event) {
    var requestContext = event.getRequestContext();
    var authorizer = requestContext == null ? null : requestContext.getAuthorizer();
    var iam = authorizer == null ? null : authorizer.getIam();
    if (iam == null || isBlank(iam.getAccessKey()) || isBlank(iam.getUserArn())) {
      throw new ApiException.Forbidden("The coach's routes answer only SigV4-signed requests of an allowed IAM identity.");
    }
  }

  /** {"email": "..."}: the address travels in the body, so that it never lands in an access log. */
  private static String erasureAddress(TypedHttpRequest request) {
    ApiException invalid =
        new ApiException.BadRequest("The body must be a JSON object with the address: {\"email\": \"...\"}.");
    String body = request.body();
    if (body == null || body.isBlank()) {
      throw invalid;
    }
    // An address whose bytes were not UTF-8 is not the stored one: "erased 0" would mislead the coach.
    body = Body.utf8(Body.bytes(body, request.isBase64Encoded(), MAX_BODY_BYTES));
    Object json;
    try {
      json = JsonReader.read(body);
    } catch (IOException e) {
      throw invalid;
    }
    if (json instanceof Map<?, ?> fields && fields.get("email") instanceof String email) {
      return email;
    }
    throw invalid;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** What went wrong, without the message: DynamoDB's error code, or the exception's class. */
  private static String errorName(RuntimeException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }
}
