package dev.contentfunctions.coach;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.Body;
import dev.contentfunctions.http.CursorCodec;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.http.HttpRequest;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.events.HttpApiEvent;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.tables.consultations.CoachRepository;
import dev.contentfunctions.tables.consultations.CoachRepository.AlreadyHandled;
import dev.contentfunctions.tables.consultations.CoachRepository.Marked;
import dev.contentfunctions.tables.consultations.CoachRepository.Marking;
import dev.contentfunctions.tables.consultations.CoachRepository.Page;
import dev.contentfunctions.tables.consultations.CoachRepository.Position;
import dev.contentfunctions.tables.consultations.Consultation;
import dev.contentfunctions.tables.consultations.DynamoDbCoachRepository;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * API Gateway (HTTP API, payload 2.0) -> {@link CoachService} -> JSON or CSV, on the one {@link
 * HttpEndpoint}. API Gateway lets only SigV4-signed requests of allowed IAM identities through; the
 * handler checks again that the event carries such an identity, so that a route added without the
 * authorizer, or an invocation that does not come through API Gateway, serves nothing. The log holds
 * routes (the template's, never a raw path: a mistyped URL may hold an e-mail address), ids, counts
 * and outcomes only.
 */
public final class CoachApiHandler implements RequestStreamHandler {
  /** An erasure body holds one address; anything much longer is not one. */
  private static final int MAX_BODY_BYTES = 4096;

  private static final String UNAVAILABLE =
      "The booking requests are briefly unavailable; please try again in a few seconds.";

  private final CoachService service;
  private final CursorCodec cursors;
  private final HttpEndpoint endpoint;

  /** The Function dimension of this function's metrics. */
  public static final String FUNCTION = "CoachApi";

  /** Called by Lambda once per container: the configuration, the client and the log are made here, once. */
  public CoachApiHandler() {
    this(CoachApiConfig.fromEnvironment(), Clock.systemUTC(), Log.standardOutput(), Metrics.standardOutput(FUNCTION));
  }

  private CoachApiHandler(CoachApiConfig config, Clock clock, Log log, Metrics metrics) {
    this(
        new DynamoDbCoachRepository(
            AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build(),
            config.consultationsTable()),
        config.hashingSecret(),
        config.previousHashingSecret(),
        clock,
        log,
        metrics);
  }

  /** @param hashingSecret finds a person's requests by address, and keys the page cursors */
  public CoachApiHandler(CoachRepository repository, String hashingSecret, Clock clock, Log log) {
    this(repository, hashingSecret, null, clock, log, Metrics.discarded(FUNCTION));
  }

  /**
   * @param previousHashingSecret the value {@code hashingSecret} replaced, or null: erasure also finds
   *     the requests hashed with it; cursors are keyed by the current value alone (an old one is a 400)
   */
  public CoachApiHandler(
      CoachRepository repository,
      String hashingSecret,
      String previousHashingSecret,
      Clock clock,
      Log log,
      Metrics metrics) {
    this.service =
        new CoachService(
            repository,
            new SaltedHash(hashingSecret),
            previousHashingSecret == null || previousHashingSecret.equals(hashingSecret)
                ? null
                : new SaltedHash(previousHashingSecret),
            clock);
    this.cursors = new CursorCodec(hashingSecret);
    this.endpoint = new HttpEndpoint(this::respond, UNAVAILABLE, log, CoachApiHandler::loggedPath, metrics);
  }

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    endpoint.handle(event, out, context);
  }

  private HttpApiResponse respond(HttpRequest request, Log log) {
    requireIamCaller(request.iam());
    CoachRoute.Match match =
        CoachRoute.match(request.path()).orElseThrow(() -> new ApiException.NotFound("There is no coach route here."));
    CoachRoute route = match.route();
    if (!request.method().equals(route.method())) {
      throw new ApiException.MethodNotAllowed(request.method(), route.method());
    }
    return switch (route) {
      case LIST -> list(request, log);
      case EXPORT -> export(request, log);
      case MARK_HANDLED -> markHandled(match.id(), log);
      case ERASE -> erase(request, log);
    };
  }

  private HttpApiResponse list(HttpRequest request, Log log) {
    Consultation.Status status = status(request);
    CoachService.PageSize size =
        new CoachService.PageSize(
            request.count("limit", CoachService.PageSize.DEFAULT, CoachService.PageSize.MAX));
    String cursor = request.query("cursor");
    Position after = cursor == null || cursor.isEmpty() ? null : after(cursor, status);
    Page page = service.list(status, size, after);
    log.info(
        "consultations.listed",
        "route", CoachRoute.LIST.key(),
        "count", page.consultations().size(),
        "more", page.next() != null);
    String next = page.next() == null ? null : cursor(status, page.next());
    return Responses.json(200, ConsultationJson.page(page.consultations(), next));
  }

  private HttpApiResponse export(HttpRequest request, Log log) {
    CoachService.Export export = service.export(status(request));
    log.info("consultations.exported", "route", CoachRoute.EXPORT.key(), "count", export.consultations().size());
    return Responses.response(
        200,
        ConsultationCsv.CONTENT_TYPE,
        ConsultationCsv.write(export.consultations()),
        Map.of(
            "Cache-Control", Responses.NO_STORE,
            "Content-Disposition", "attachment; filename=\"consultations-" + export.status().value() + ".csv\""));
  }

  private HttpApiResponse markHandled(String idText, Log log) {
    ConsultationId id =
        ConsultationId.parse(idText)
            .orElseThrow(
                () ->
                    new ApiException.BadRequest(
                        "The id must be a request id: 26 characters of Crockford base32 (digits and upper-case"
                            + " letters but I, L, O and U)."));
    Marking marking = service.markHandled(id);
    log.info(
        "consultation.handled",
        "route", CoachRoute.MARK_HANDLED.key(),
        "id", id.value(),
        "outcome", marking.getClass().getSimpleName());
    if (marking instanceof Marked marked) {
      return Responses.json(200, ConsultationJson.consultation(marked.consultation()));
    }
    // Marking again answers as the first time did: the coach's retry, or a second tab, is no error.
    if (marking instanceof AlreadyHandled handled) {
      return Responses.json(200, ConsultationJson.consultation(handled.consultation()));
    }
    throw new ApiException.NotFound("There is no booking request with this id.");
  }

  private HttpApiResponse erase(HttpRequest request, Log log) {
    if (request.query("email") != null) {
      throw new ApiException.BadRequest("Send the address in the JSON body, never in the URL: URLs are kept in logs.");
    }
    CoachService.Erased erased = service.erase(erasureAddress(request));
    log.info("person.erased", "route", CoachRoute.ERASE.key(), "count", erased.count());
    return Responses.json(200, ConsultationJson.erased(erased.count()));
  }

  /**
   * The IAM identity API Gateway verified, in requestContext.authorizer.iam: both its access key and
   * its ARN, which AWS always sends for a SigV4-authorised route.
   */
  private static void requireIamCaller(HttpApiEvent.IamCaller iam) {
    if (iam == null || isBlank(iam.accessKey()) || isBlank(iam.userArn())) {
      throw new ApiException.Forbidden("The coach's routes answer only SigV4-signed requests of an allowed IAM identity.");
    }
  }

  /** {@code status} defaults to new. */
  private static Consultation.Status status(HttpRequest request) {
    String value = request.query("status");
    if (value == null) {
      return Consultation.Status.NEW;
    }
    Consultation.Status status = Consultation.Status.parse(value);
    if (status == null) {
      throw new ApiException.BadRequest("'status' must be new or handled.");
    }
    return status;
  }

  /** {"email": "..."}: the address travels in the body, so that it never lands in an access log. */
  private static EmailAddress erasureAddress(HttpRequest request) {
    Map<String, Object> fields = Body.jsonObject(request.body(MAX_BODY_BYTES), MAX_BODY_BYTES);
    if (!(fields.get("email") instanceof String email)) {
      throw new ApiException.BadRequest("The body must be a JSON object with the address: {\"email\": \"...\"}.");
    }
    return EmailAddress.parse(email)
        .orElseThrow(
            () ->
                new ApiException.BadRequest(
                    "'email' must be an e-mail address of at most " + EmailAddress.MAX_LENGTH + " characters."));
  }

  /** Each status's listing is its own: a cursor of one never starts a page of the other. */
  private static String listing(Consultation.Status status) {
    return "coach-consultations:" + status.value();
  }

  private String cursor(Consultation.Status status, Position last) {
    return cursors.encode(listing(status), List.of(last.receivedAt().toString(), last.id()));
  }

  /** Where the page after {@code cursor} starts; a cursor that is not ours for {@code status} is a 400. */
  private Position after(String cursor, Consultation.Status status) {
    List<String> fields;
    try {
      fields = cursors.decode(cursor, listing(status), 2);
    } catch (ApiException.BadRequest notForThisListing) {
      for (Consultation.Status other : Consultation.Status.values()) {
        if (other != status && madeFor(cursor, other)) {
          throw new ApiException.BadRequest(
              "This cursor belongs to the listing of another status; start again without a cursor.");
        }
      }
      throw notForThisListing;
    }
    // Authenticated, so written by cursor(): the time parses.
    return new Position(Instant.parse(fields.get(0)), fields.get(1));
  }

  private boolean madeFor(String cursor, Consultation.Status status) {
    try {
      cursors.decode(cursor, listing(status), 2);
      return true;
    } catch (ApiException.BadRequest e) {
      return false;
    }
  }

  /** The template's route of a path, never the path itself: a mistyped URL may hold an address. */
  private static String loggedPath(String path) {
    return CoachRoute.match(path).map(match -> match.route().path()).orElse("(no coach route)");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
