package dev.contentfunctions.local;

import dev.contentfunctions.localaws.CloudFormationTemplate;
import dev.contentfunctions.localaws.FunctionDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The routes of the template's HTTP API: every function event of {@code Type: HttpApi}, matched as
 * API Gateway matches them. The most specific route wins: segment by segment from the left, a
 * literal before a {@code {parameter}} before a greedy {@code {proxy+}}; then a route's own method
 * before {@code ANY}; the {@code $default} route (an event without Path and Method) only when
 * nothing else matches.
 */
final class HttpApiRoutes {
  static final String ANY = "ANY";
  static final String DEFAULT_ROUTE = "$default";
  private static final String AWS_IAM = "AWS_IAM";

  /**
   * A route: {@code method} and {@code path} are null for the {@code $default} route.
   *
   * @param iamAuthorized whether the event has {@code Auth: Authorizer: AWS_IAM}: on AWS only
   *     SigV4-signed requests of an allowed IAM identity reach it
   */
  record Route(String method, String path, String functionId, boolean iamAuthorized) {
    String routeKey() {
      return path == null ? DEFAULT_ROUTE : method + " " + path;
    }
  }

  /**
   * The route a request matched, with its path parameters (URL-decoded, as API Gateway sends them).
   */
  record Match(Route route, Map<String, String> pathParameters) {}

  private enum Kind {
    // In order of precedence.
    LITERAL,
    PARAMETER,
    GREEDY
  }

  private record Segment(Kind kind, String text) {}

  private record Compiled(Route route, List<Segment> segments) {
    boolean isDefault() {
      return route.path() == null;
    }
  }

  private static final Comparator<Compiled> MOST_SPECIFIC_FIRST =
      Comparator.comparing(Compiled::isDefault)
          .thenComparing(HttpApiRoutes::compareSegments)
          .thenComparing(compiled -> compiled.route().method().equals(ANY));

  private final List<Route> declared;
  private final List<Compiled> byPrecedence;

  private HttpApiRoutes(List<Route> declared, List<Compiled> byPrecedence) {
    this.declared = declared;
    this.byPrecedence = byPrecedence;
  }

  static HttpApiRoutes fromTemplate(CloudFormationTemplate template) {
    List<Route> routes = new ArrayList<>();
    for (FunctionDefinition function : template.functions()) {
      for (FunctionDefinition.Event event : function.events()) {
        if (event.type().equals("HttpApi")) {
          String path = event.properties().path("Path").asText(null);
          String method = event.properties().path("Method").asText(null);
          if ((path == null) != (method == null)) {
            throw new IllegalArgumentException(
                function.logicalId()
                    + "'s HttpApi event "
                    + event.name()
                    + " needs both Path and Method, or neither (the $default route)");
          }
          boolean iam =
              event.properties().path("Auth").path("Authorizer").asText("").equals(AWS_IAM);
          routes.add(new Route(method, path, function.logicalId(), iam));
        }
      }
    }
    return of(routes);
  }

  static HttpApiRoutes of(List<Route> routes) {
    List<Route> declared = new ArrayList<>();
    List<Compiled> compiled = new ArrayList<>();
    Map<String, Route> byShape = new HashMap<>();
    for (Route route : routes) {
      Route normalised =
          route.path() == null
              ? new Route(ANY, null, route.functionId(), route.iamAuthorized())
              : new Route(
                  route.method().toUpperCase(Locale.ROOT),
                  route.path(),
                  route.functionId(),
                  route.iamAuthorized());
      Compiled c = new Compiled(normalised, compile(normalised.path()));
      Route clash = byShape.put(shape(c), normalised);
      if (clash != null) {
        throw new IllegalArgumentException(
            "Two routes match the same requests: "
                + clash.routeKey()
                + " ("
                + clash.functionId()
                + ") and "
                + normalised.routeKey()
                + " ("
                + normalised.functionId()
                + ")");
      }
      declared.add(normalised);
      compiled.add(c);
    }
    compiled.sort(MOST_SPECIFIC_FIRST);
    return new HttpApiRoutes(List.copyOf(declared), List.copyOf(compiled));
  }

  /** The routes, in the template's order. */
  List<Route> routes() {
    return declared;
  }

  /**
   * The route for a request, if any.
   *
   * @param rawPath the path as sent, still percent-encoded: it is split into segments before
   *     decoding, so an encoded slash stays inside its segment
   */
  Optional<Match> match(String method, String rawPath) {
    String[] request = split(rawPath);
    for (Compiled compiled : byPrecedence) {
      if (!compiled.route().method().equals(ANY)
          && !compiled.route().method().equalsIgnoreCase(method)) {
        continue;
      }
      Map<String, String> parameters =
          compiled.isDefault() ? Map.of() : matchSegments(compiled.segments(), request);
      if (parameters != null) {
        return Optional.of(new Match(compiled.route(), parameters));
      }
    }
    return Optional.empty();
  }

  /** The path parameters if the request's segments fit the route's, else null. */
  private static Map<String, String> matchSegments(List<Segment> route, String[] request) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 0; i < route.size(); i++) {
      Segment segment = route.get(i);
      if (segment.kind() == Kind.GREEDY) {
        // At least one segment, as API Gateway: /posts/{proxy+} does not match /posts.
        if (i >= request.length || request[i].isEmpty()) {
          return null;
        }
        String[] rest = Arrays.copyOfRange(request, i, request.length);
        List<String> decoded = Arrays.stream(rest).map(HttpApiRoutes::decode).toList();
        parameters.put(segment.text(), String.join("/", decoded));
        return parameters;
      }
      if (i >= request.length) {
        return null;
      }
      String value = decode(request[i]);
      if (segment.kind() == Kind.LITERAL && !segment.text().equals(value)) {
        return null;
      }
      if (segment.kind() == Kind.PARAMETER) {
        if (value.isEmpty()) {
          return null;
        }
        parameters.put(segment.text(), value);
      }
    }
    return route.size() == request.length ? parameters : null;
  }

  private static List<Segment> compile(String path) {
    if (path == null) {
      return List.of();
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("An HttpApi Path starts with /: " + path);
    }
    String[] parts = split(path);
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("{") && part.endsWith("+}")) {
        if (i != parts.length - 1) {
          throw new IllegalArgumentException("A greedy path variable must end the path: " + path);
        }
        segments.add(new Segment(Kind.GREEDY, part.substring(1, part.length() - 2)));
      } else if (part.startsWith("{") && part.endsWith("}")) {
        segments.add(new Segment(Kind.PARAMETER, part.substring(1, part.length() - 1)));
      } else {
        segments.add(new Segment(Kind.LITERAL, part));
      }
    }
    return segments;
  }

  /** "/" has no segments; "/a/b" has "a" and "b"; a trailing slash adds an empty last segment. */
  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  /** Percent-decoding of a path segment: unlike a query string, '+' is a plus. */
  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Routes with the same method and shape (parameter names aside) would match the same requests.
   */
  private static String shape(Compiled compiled) {
    StringBuilder shape = new StringBuilder(compiled.route().method());
    if (compiled.isDefault()) {
      return shape.append(' ').append(DEFAULT_ROUTE).toString();
    }
    for (Segment segment : compiled.segments()) {
      shape
          .append('/')
          .append(
              switch (segment.kind()) {
                case LITERAL -> segment.text();
                case PARAMETER -> "{}";
                case GREEDY -> "{+}";
              });
    }
    return shape.toString();
  }

  private static int compareSegments(Compiled a, Compiled b) {
    int common = Math.min(a.segments().size(), b.segments().size());
    for (int i = 0; i < common; i++) {
      int byKind = a.segments().get(i).kind().compareTo(b.segments().get(i).kind());
      if (byKind != 0) {
        return byKind;
      }
    }
    // Alike as far as the shorter one goes: such routes never match the same request (a greedy
    // segment needs at least one segment of its own), so any fixed order does; longer first.
    return Integer.compare(b.segments().size(), a.segments().size());
  }
}
