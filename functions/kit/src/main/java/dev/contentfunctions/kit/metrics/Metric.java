package dev.contentfunctions.kit.metrics;

import java.util.List;

/**
 * Every metric the functions emit, with its unit and the dimensions it carries besides
 * {@code Function}: the contract that docs/metrics.md documents and the template's alarms and
 * dashboard use. A metric is recorded by naming one of these, so no other name, unit or dimension
 * set can reach CloudWatch.
 */
public enum Metric {
  COLD_START("ColdStart", Unit.COUNT),
  POSTS_PUBLISHED("PostsPublished", Unit.COUNT),
  POSTS_FAILED("PostsFailed", Unit.COUNT),
  POSTS_REMOVED("PostsRemoved", Unit.COUNT),
  PUBLISH_DURATION("PublishDuration", Unit.MILLISECONDS),
  IMAGES_PROCESSED("ImagesProcessed", Unit.COUNT),
  IMAGES_REFUSED("ImagesRefused", Unit.COUNT),
  BOOKINGS_RECORDED("BookingsRecorded", Unit.COUNT),
  BOOKINGS_DUPLICATE("BookingsDuplicate", Unit.COUNT),
  BOOKINGS_UNAVAILABLE("BookingsUnavailable", Unit.COUNT),
  BOOKINGS_REFUSED("BookingsRefused", Unit.COUNT, Metrics.REASON),
  NOTIFICATIONS_SENT("NotificationsSent", Unit.COUNT),
  NOTIFICATIONS_FAILED("NotificationsFailed", Unit.COUNT),
  ANSWERS("Answers", Unit.COUNT, Metrics.ROUTE, Metrics.STATUS_CLASS),
  LATENCY("Latency", Unit.MILLISECONDS, Metrics.ROUTE);

  /** CloudWatch's unit names, as EMF writes them. */
  public enum Unit {
    COUNT("Count"),
    MILLISECONDS("Milliseconds");

    private final String cloudWatchName;

    Unit(String cloudWatchName) {
      this.cloudWatchName = cloudWatchName;
    }

    public String cloudWatchName() {
      return cloudWatchName;
    }
  }

  private final String metricName;
  private final Unit unit;
  private final List<String> dimensions;
  private final List<String> dimensionSet;

  Metric(String metricName, Unit unit, String... dimensions) {
    this.metricName = metricName;
    this.unit = unit;
    this.dimensions = List.of(dimensions);
    // No streams here: each class a cold start loads costs it (bench/metrics).
    String[] set = new String[dimensions.length + 1];
    set[0] = Metrics.FUNCTION;
    System.arraycopy(dimensions, 0, set, 1, dimensions.length);
    this.dimensionSet = List.of(set);
  }

  /** The name in CloudWatch. */
  public String metricName() {
    return metricName;
  }

  public Unit unit() {
    return unit;
  }

  /** The dimensions recorded with it besides {@code Function}, in order. */
  public List<String> dimensions() {
    return dimensions;
  }

  /** All of its dimensions, {@code Function} first: the EMF dimension set. */
  public List<String> dimensionSet() {
    return dimensionSet;
  }
}
