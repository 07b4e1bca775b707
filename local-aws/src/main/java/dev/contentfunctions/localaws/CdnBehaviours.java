package dev.contentfunctions.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a CloudFront distribution of the template sends a request: its {@code CacheBehaviors} in
 * order, the first whose {@code PathPattern} matches the path winning, else its {@code
 * DefaultCacheBehavior}. The local run serves the site through this, so its URLs are the
 * distribution's and not a second list kept by hand.
 */
public final class CdnBehaviours {

  /** What an origin of the distribution is, as far as the local run cares. */
  public enum OriginKind {
    /** An {@code S3OriginConfig} origin: the site bucket, i.e. the files of {@code web/}. */
    S3,
    /** A {@code CustomOriginConfig} origin: the HTTP API, i.e. its routes. */
    HTTP_API
  }

  /**
   * An origin, by its {@code Id}.
   *
   * @param bucket for an S3 origin, the logical id of the template's bucket its {@code DomainName}
   *     names ({@code !GetAtt MediaBucket.RegionalDomainName}); null for the HTTP API, or when the
   *     domain name is not such a reference
   */
  public record Origin(String id, OriginKind kind, String bucket) {
    public Origin(String id, OriginKind kind) {
      this(id, kind, null);
    }
  }

  /**
   * One behaviour.
   *
   * @param pathPattern null for the default behaviour
   */
  public record Behaviour(String pathPattern, Origin origin) {}

  private record Compiled(Behaviour behaviour, Pattern pattern) {}

  private final List<Compiled> ordered;
  private final Behaviour fallback;

  private CdnBehaviours(List<Compiled> ordered, Behaviour fallback) {
    this.ordered = ordered;
    this.fallback = fallback;
  }

  /**
   * The behaviours of the template's {@code AWS::CloudFront::Distribution} named {@code logicalId}.
   *
   * @throws IllegalArgumentException if there is no such distribution, or it names an origin it
   *     does not declare or one that is neither an S3 nor a custom origin
   */
  static CdnBehaviours read(CloudFormationTemplate template, String logicalId) {
    JsonNode resource = template.root().path("Resources").path(logicalId);
    if (!resource.path("Type").asText().equals("AWS::CloudFront::Distribution")) {
      throw new IllegalArgumentException(
          template.path()
              + " has no AWS::CloudFront::Distribution named "
              + logicalId
              + ": the local run serves the site's URLs as that distribution routes them (its"
              + " CacheBehaviors and DefaultCacheBehavior), so it needs one");
    }
    JsonNode config = resource.path("Properties").path("DistributionConfig");
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (JsonNode origin : config.path("Origins")) {
      String id = origin.path("Id").asText();
      OriginKind kind;
      if (origin.has("S3OriginConfig")) {
        kind = OriginKind.S3;
      } else if (origin.has("CustomOriginConfig")) {
        kind = OriginKind.HTTP_API;
      } else {
        throw new IllegalArgumentException(
            logicalId + "'s origin " + id + " has neither S3OriginConfig nor CustomOriginConfig");
      }
      origins.put(id, new Origin(id, kind, kind == OriginKind.S3 ? bucketOf(origin.path("DomainName")) : null));
    }
    List<Compiled> ordered = new ArrayList<>();
    for (JsonNode behaviour : config.path("CacheBehaviors")) {
      String pattern = behaviour.path("PathPattern").asText();
      ordered.add(
          new Compiled(
              new Behaviour(pattern, origin(origins, behaviour, logicalId)), glob(pattern)));
    }
    JsonNode defaultBehaviour = config.path("DefaultCacheBehavior");
    if (!defaultBehaviour.isObject()) {
      throw new IllegalArgumentException(logicalId + " has no DefaultCacheBehavior");
    }
    return new CdnBehaviours(
        List.copyOf(ordered),
        new Behaviour(null, origin(origins, defaultBehaviour, logicalId)));
  }

  /** The behaviour a request for this path (as sent, still percent-encoded) falls under. */
  public Behaviour route(String rawPath) {
    for (Compiled compiled : ordered) {
      if (compiled.pattern().matcher(rawPath).matches()) {
        return compiled.behaviour();
      }
    }
    return fallback;
  }

  /** The behaviours in the order they are tried, the default one last. */
  public List<Behaviour> behaviours() {
    List<Behaviour> all = new ArrayList<>(ordered.stream().map(Compiled::behaviour).toList());
    all.add(fallback);
    return all;
  }

  /** {@code !GetAtt B.RegionalDomainName} or {@code !GetAtt B.DomainName}: B; else null. */
  private static String bucketOf(JsonNode domainName) {
    JsonNode getAtt = domainName.path("Fn::GetAtt");
    if (getAtt.isArray() && getAtt.size() == 2) {
      String attribute = getAtt.get(1).asText();
      if (attribute.equals("RegionalDomainName") || attribute.equals("DomainName")) {
        return getAtt.get(0).asText();
      }
    }
    return null;
  }

  private static Origin origin(Map<String, Origin> origins, JsonNode behaviour, String logicalId) {
    String id = behaviour.path("TargetOriginId").asText();
    Origin origin = origins.get(id);
    if (origin == null) {
      throw new IllegalArgumentException(
          logicalId + " has a behaviour for an origin it does not declare: " + id);
    }
    return origin;
  }

  /**
   * CloudFront's path pattern: {@code *} any run of characters (slashes too), {@code ?} exactly
   * one, everything else literal and case-sensitive; the leading slash is optional.
   */
  static Pattern glob(String pathPattern) {
    String pattern = pathPattern.startsWith("/") ? pathPattern : "/" + pathPattern;
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
