package dev.contentfunctions.consultations;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.contentfunctions.consultations.BookingService.Result;
import dev.contentfunctions.http.ApiException;
import dev.contentfunctions.http.Body;
import dev.contentfunctions.http.HttpEndpoint;
import dev.contentfunctions.http.HttpRequest;
import dev.contentfunctions.http.Responses;
import dev.contentfunctions.kit.aws.AwsClients;
import dev.contentfunctions.kit.events.HttpApiResponse;
import dev.contentfunctions.kit.json.JsonWriter;
import dev.contentfunctions.kit.log.Log;
import dev.contentfunctions.kit.metrics.Metric;
import dev.contentfunctions.kit.metrics.Metrics;
import dev.contentfunctions.tables.consultations.BookingRepository;
import dev.contentfunctions.tables.consultations.DynamoDbBookingRepository;
import dev.contentfunctions.tables.consultations.SaltedHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code POST /consultations} -> {@link BookingService}. The site's script sends JSON and gets 201
 * with the request's id; a plain HTML form (no JavaScript) gets a 303 to the thank-you page, and
 * when it cannot be accepted a page saying what to fix ({@link FormErrorPage}). Bad input is a
 * problem+json 4xx, DynamoDB trouble a 503 to retry ({@link HttpEndpoint}); logs carry ids and
 * outcomes only, never what the visitor wrote.
 */
public final class ConsultationsHandler implements RequestStreamHandler {
  static final int MAX_BODY_BYTES = 16 * 1024;
  static final String ACCEPTED = "application/json or application/x-www-form-urlencoded (UTF-8)";

  /** The Function dimension of this function's metrics. */
  public static final String FUNCTION = "Consultations";

  private final BookingService service;
  private final String thankYouUrl;
  private final String originVerify;
  private final HttpEndpoint endpoint;

  /** Called by Lambda once per container: the client and everything else are built here, once. */
  public ConsultationsHandler() {
    this(fromEnvironment(ConsultationsConfig.fromEnvironment()), Log.standardOutput(), Metrics.standardOutput(FUNCTION));
  }

  private ConsultationsHandler(Wiring wiring, Log log, Metrics metrics) {
    this(wiring.config(), wiring.repository(), Clock.systemUTC(), log, metrics);
  }

  private record Wiring(ConsultationsConfig config, BookingRepository repository) {}

  private static Wiring fromEnvironment(ConsultationsConfig config) {
    DynamoDbClient dynamoDb = AwsClients.configure(DynamoDbClient.builder(), AwsClients.Timeouts.INTERACTIVE).build();
    return new Wiring(config, new DynamoDbBookingRepository(dynamoDb, config.table()));
  }

  ConsultationsHandler(ConsultationsConfig config, BookingRepository repository, Clock clock, Log log) {
    this(config, repository, clock, log, Metrics.discarded(FUNCTION));
  }

  ConsultationsHandler(ConsultationsConfig config, BookingRepository repository, Clock clock, Log log, Metrics metrics) {
    this.service = new BookingService(repository, new SaltedHash(config.hashingSecret()), config.retention(), clock);
    this.thankYouUrl = config.thankYouUrl();
    this.originVerify = config.originVerify();
    this.endpoint =
        new HttpEndpoint(
            this::respond, "Your request could not be saved just now; please send it again in a few seconds.", log, metrics);
  }

  @Override
  public void handleRequest(InputStream event, OutputStream out, Context context) throws IOException {
    endpoint.handle(event, out, context);
  }

  private HttpApiResponse respond(HttpRequest request, Log log) {
    boolean browserForm = isBrowserForm(request);
    boolean counted = false;
    try {
      if (!request.method().equals("POST")) {
        throw HttpRequest.methodNotAllowed(request.method(), "POST");
      }
      boolean form = isForm(request.header("content-type"));
      byte[] body = request.body(MAX_BODY_BYTES);
      Map<String, Object> fields = form ? Body.form(body) : Body.jsonObject(body, MAX_BODY_BYTES);
      String address =
          ClientAddress.of(
              request.sourceIp(),
              request.header(ClientAddress.VIEWER_ADDRESS),
              request.header(ClientAddress.ORIGIN_VERIFY),
              originVerify);
      BookingService.Submission submission = new BookingService.Submission(fields, address, idempotencyKey(request));
      Result result;
      try {
        result = service.submit(submission);
      } catch (SdkException e) {
        counted = count(request.metrics(), Metric.BOOKINGS_UNAVAILABLE, null);
        throw e;
      }
      counted = count(request.metrics(), result);
      return answer(result, form, log);
    } catch (ApiException e) {
      if (!counted && request.method().equals("POST")) {
        // The request could not be read as a booking (body, type, size, Idempotency-Key).
        count(request.metrics(), Metric.BOOKINGS_REFUSED, "validation");
      }
      log.info("consultation.refused", "status", e.status(), "fields", fieldNames(e));
      return browserForm ? errorPage(e) : Responses.problem(e, request.requestId());
    }
  }

  /**
   * A booking's outcome in the metrics: every decided booking writes BookingsRecorded,
   * BookingsDuplicate and BookingsUnavailable (0 or 1, so that their averages are rates), and a
   * refused one BookingsRefused by its reason.
   */
  private static boolean count(Metrics.Invocation metrics, Result result) {
    if (result instanceof Result.Recorded) {
      return count(metrics, Metric.BOOKINGS_RECORDED, null);
    } else if (result instanceof Result.Repeated) {
      return count(metrics, Metric.BOOKINGS_DUPLICATE, null);
    } else if (result instanceof Result.Busy) {
      return count(metrics, Metric.BOOKINGS_UNAVAILABLE, null);
    } else if (result instanceof Result.HoneypotIgnored) {
      return count(metrics, Metric.BOOKINGS_REFUSED, "honeypot");
    } else if (result instanceof Result.Limited) {
      return count(metrics, Metric.BOOKINGS_REFUSED, "rate-limit");
    }
    // Invalid fields, or an Idempotency-Key reused for other data: the client's to fix.
    return count(metrics, Metric.BOOKINGS_REFUSED, "validation");
  }

  private static boolean count(Metrics.Invocation metrics, Metric outcome, String reason) {
    for (Metric metric : List.of(Metric.BOOKINGS_RECORDED, Metric.BOOKINGS_DUPLICATE, Metric.BOOKINGS_UNAVAILABLE)) {
      metrics.count(metric, metric == outcome ? 1 : 0);
    }
    if (outcome == Metric.BOOKINGS_REFUSED) {
      metrics.count(Metric.BOOKINGS_REFUSED, reason);
    }
    return true;
  }

  /** The result as the visitor reads it; a refusal is an {@link ApiException} for {@link #respond}. */
  private HttpApiResponse answer(Result result, boolean form, Log log) {
    String id;
    if (result instanceof Result.Recorded recorded) {
      id = recorded.id();
      log.info("consultation.recorded", "id", id);
    } else if (result instanceof Result.Repeated repeated) {
      id = repeated.id();
      log.info("consultation.repeated", "id", id);
    } else if (result instanceof Result.HoneypotIgnored ignored) {
      id = ignored.id();
      log.info("consultation.ignored", "id", id);
    } else {
      throw refusal(result);
    }
    if (form) {
      return Responses.redirect(303, thankYouUrl, Responses.NO_STORE);
    }
    return Responses.json(201, JsonWriter.object().field("id", id).field("status", "new").finish());
  }

  private static ApiException refusal(Result result) {
    if (result instanceof Result.Invalid invalid) {
      return new ApiException.InvalidFields(
          invalid.errors().stream().map(e -> new ApiException.FieldError(e.field(), e.message())).toList());
    }
    if (result instanceof Result.Limited limited) {
      return new ApiException.TooManyRequests(
          "We have received several requests "
              + (limited.scope() == BookingRepository.RateCounter.Scope.IP ? "from your network" : "for this e-mail address")
              + " recently; please try again later.",
          limited.retryAfterSeconds());
    }
    if (result instanceof Result.KeyReused) {
      return new ApiException.Unprocessable(
          "This Idempotency-Key was already used for a different request; use a new key for new data.");
    }
    if (result instanceof Result.Busy) {
      return new ApiException.Unavailable("Please send your request again in a moment.", HttpEndpoint.RETRY_AFTER_SECONDS);
    }
    throw new IllegalStateException("unmapped result " + result.getClass().getSimpleName());
  }

  /** The header, checked here: a malformed one is the client's mistake to fix (400). */
  private static Optional<IdempotencyKey> idempotencyKey(HttpRequest request) {
    String header = request.header("idempotency-key");
    if (header == null) {
      return Optional.empty();
    }
    if (!IdempotencyKey.isValid(header)) {
      throw new ApiException.BadRequest(
          "The Idempotency-Key header must be 1 to " + IdempotencyKey.MAX_LENGTH + " visible ASCII characters.");
    }
    return Optional.of(new IdempotencyKey(header));
  }

  /** JSON or a form, in UTF-8: anything else is a 415 naming what is accepted. */
  private static boolean isForm(String contentType) {
    if (contentType == null) {
      throw new ApiException.UnsupportedMediaType(ACCEPTED);
    }
    // -1 keeps empty parts: a type of only ";" would otherwise leave no part 0 to read.
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";", -1);
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.startsWith("charset=") && !parameter.substring(8).replace("\"", "").strip().matches("utf-?8")) {
        throw new ApiException.UnsupportedMediaType(ACCEPTED);
      }
    }
    return switch (parts[0].strip()) {
      case "application/json" -> false;
      case "application/x-www-form-urlencoded" -> true;
      default -> throw new ApiException.UnsupportedMediaType(ACCEPTED);
    };
  }

  /** A plain HTML form posted by a browser (no script to read problem+json): answered with a page. */
  private static boolean isBrowserForm(HttpRequest request) {
    String contentType = request.header("content-type");
    String accept = request.header("accept");
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
        && accept != null
        && accept.contains("text/html");
  }

  private static HttpApiResponse errorPage(ApiException e) {
    Map<String, String> headers = new HashMap<>(e.headers());
    headers.put("Cache-Control", Responses.NO_STORE);
    return Responses.response(e.status(), Responses.HTML, FormErrorPage.render(e), headers);
  }

  /** Which fields were wrong, not what was in them. */
  private static List<String> fieldNames(ApiException e) {
    if (e.extensions().get("errors") instanceof List<?> list) {
      return list.stream().map(error -> ((ApiException.FieldError) error).field()).toList();
    }
    return List.of();
  }
}
