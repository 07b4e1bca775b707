package dev.contentfunctions.coach;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coach's routes, one method each, as template.yaml declares them (every one with the AWS_IAM
 * authorizer); a test keeps the two in step.
 */
enum CoachRoute {
  LIST("GET", "/coach/consultations"),
  EXPORT("GET", "/coach/consultations.csv"),
  MARK_HANDLED("POST", "/coach/consultations/{id}/handled"),
  ERASE("POST", "/coach/erasures");

  private final String method;
  private final String path;
  private final Pattern pattern;

  CoachRoute(String method, String path) {
    this.method = method;
    this.path = path;
    // Literal text around the one placeholder: "." in consultations.csv must not match any character.
    this.pattern = Pattern.compile(Pattern.quote(path).replace("{id}", "\\E([^/]+)\\Q"));
  }

  String method() {
    return method;
  }

  String path() {
    return path;
  }

  /** The template's name for the route ("POST /coach/erasures"): safe to log, unlike a raw path. */
  String key() {
    return method + " " + path;
  }

  /** A matched route and the value of its {id} segment, if it has one. */
  record Match(CoachRoute route, String id) {}

  static Optional<Match> match(String rawPath) {
    for (CoachRoute route : values()) {
      Matcher matcher = route.pattern.matcher(rawPath);
      if (matcher.matches()) {
        return Optional.of(new Match(route, matcher.groupCount() > 0 ? matcher.group(1) : null));
      }
    }
    return Optional.empty();
  }
}
