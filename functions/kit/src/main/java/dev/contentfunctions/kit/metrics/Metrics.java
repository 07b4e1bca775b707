package dev.contentfunctions.kit.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.contentfunctions.kit.Env;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A function's CloudWatch metrics, written as Embedded Metric Format lines: one JSON object per
 * line at the top level of the log, whose {@code _aws} member tells CloudWatch Logs which of its
 * other members are metrics (numbers) and dimensions (strings). Written to standard output like
 * {@link dev.contentfunctions.kit.log.Log}'s lines, so that the runtime's JSON log format does not
 * wrap them in a string (a wrapped line is not extracted).
 *
 * <p>Built once per container (one per function, named by its {@code Function} dimension). Each
 * invocation {@link #start starts} an {@link Invocation} that collects what happens and
 * {@link Invocation#flush flushes} it as one line; only when two values of one dimension (two
 * routes, two reasons) or more than {@value #MAX_METRICS} metrics or {@value #MAX_VALUES} values
 * meet in one invocation does it take more lines. The first invocation of the container records
 * {@code ColdStart}.
 *
 * <p>Lean on purpose, as it runs in every cold start: no records as map keys (their hashCode is
 * bootstrapped through method handles), no lambdas, streams or atomics; bench/metrics measures it.
 *
 * <p>Only the names of {@link Metric} and the values of bounded dimensions (a route's template, a
 * status class, a reason) are written: never a path, an id or anything a visitor sent.
 */
public final class Metrics {
  /** The environment variable naming the namespace (template.yaml: one per stack). */
  public static final String NAMESPACE_VARIABLE = "METRICS_NAMESPACE";

  public static final String DEFAULT_NAMESPACE = "ContentFunctions";

  public static final String FUNCTION = "Function";
  public static final String ROUTE = "Route";
  public static final String STATUS_CLASS = "StatusClass";
  public static final String REASON = "Reason";

  /** The EMF limits: dimensions in a dimension set, metrics in a directive, values of a metric. */
  public static final int MAX_DIMENSIONS = 30;

  public static final int MAX_METRICS = 100;
  public static final int MAX_VALUES = 100;

  /** CloudWatch's longest dimension value; a longer one is cut. */
  static final int MAX_DIMENSION_VALUE = 1024;

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Consumer<String> out;
  private final String namespace;
  private final String function;
  private final Clock clock;
  private boolean cold = true;
  private volatile boolean muted;

  private Metrics(Consumer<String> out, String namespace, String function, Clock clock) {
    if (function == null || function.isBlank()) {
      throw new IllegalArgumentException("a function's metrics need its Function name");
    }
    this.out = out;
    this.namespace = namespace;
    this.function = function;
    this.clock = clock;
  }

  /** The function's metrics on standard output, in the namespace of {@value #NAMESPACE_VARIABLE}. */
  public static Metrics standardOutput(String function) {
    String namespace = Env.optional(NAMESPACE_VARIABLE);
    // System.out read at each line: the runtime (and the local run) may replace it after init.
    return new Metrics(
        line -> System.out.println(line), namespace == null ? DEFAULT_NAMESPACE : namespace.strip(), function,
        Clock.systemUTC());
  }

  /** Metrics handing each line to {@code out}: for tests and the local run. */
  public static Metrics to(Consumer<String> out, String namespace, String function, Clock clock) {
    return new Metrics(out, namespace, function, clock);
  }

  /** Metrics that write nothing: for tests that do not look at them. */
  public static Metrics discarded(String function) {
    return new Metrics(line -> {}, DEFAULT_NAMESPACE, function, Clock.systemUTC());
  }

  public String function() {
    return function;
  }

  public String namespace() {
    return namespace;
  }

  /** One invocation's metrics; the container's first (outside {@link #unrecorded}) is its cold start. */
  public Invocation start() {
    Invocation invocation = new Invocation(muted);
    if (!invocation.muted && takeColdStart()) {
      invocation.count(Metric.COLD_START);
    }
    return invocation;
  }

  private synchronized boolean takeColdStart() {
    boolean first = cold;
    cold = false;
    return first;
  }

  /** What {@link #unrecorded} runs. */
  @FunctionalInterface
  public interface Action<E extends Exception> {
    void run() throws E;
  }

  /**
   * Runs {@code action} with nothing recorded and the cold start kept for the next invocation:
   * SnapStart's priming requests before the snapshot are not visitors' requests.
   */
  public <E extends Exception> void unrecorded(Action<E> action) throws E {
    muted = true;
    try {
      action.run();
    } finally {
      muted = false;
    }
  }

  /** What one invocation recorded, until {@link #flush}. Used by one thread. */
  public final class Invocation {
    private final boolean muted;
    // Per metric and dimension values, in the order first recorded.
    private final Map<Key, Values> recorded = new LinkedHashMap<>();

    private Invocation(boolean muted) {
      this.muted = muted;
    }

    /** One more of {@code metric} (a Count). */
    public Invocation count(Metric metric, String... dimensionValues) {
      return add(metric, 1, dimensionValues);
    }

    /** {@code amount} more of {@code metric} (a Count); zero is recorded too. */
    public Invocation count(Metric metric, long amount, String... dimensionValues) {
      return add(metric, amount, dimensionValues);
    }

    /** A duration of {@code metric} (Milliseconds); each is kept, not summed, for percentiles. */
    public Invocation milliseconds(Metric metric, double milliseconds, String... dimensionValues) {
      return add(metric, milliseconds, dimensionValues);
    }

    /**
     * @param dimensionValues the values of {@link Metric#dimensions()}, in their order
     */
    private Invocation add(Metric metric, double value, String... dimensionValues) {
      if (dimensionValues.length != metric.dimensions().size()) {
        throw new IllegalArgumentException(
            metric.metricName() + " takes the dimensions " + metric.dimensions() + ", not " + dimensionValues.length + " values");
      }
      if (!Double.isFinite(value)) {
        return this;
      }
      List<String> values = new ArrayList<>(dimensionValues.length);
      for (String dimension : dimensionValues) {
        values.add(dimensionValue(dimension));
      }
      Key key = new Key(metric, List.copyOf(values));
      Values recordedValues = recorded.get(key);
      if (recordedValues == null) {
        recordedValues = new Values();
        recorded.put(key, recordedValues);
      }
      if (metric.unit() == Metric.Unit.COUNT && !recordedValues.list.isEmpty()) {
        recordedValues.list.set(0, recordedValues.list.get(0) + value);
      } else {
        recordedValues.list.add(value);
      }
      return this;
    }

    /** Writes what was recorded since the last flush (nothing if nothing was) and forgets it. */
    public void flush() {
      if (muted || recorded.isEmpty()) {
        recorded.clear();
        return;
      }
      List<Line> lines = new ArrayList<>();
      for (Map.Entry<Key, Values> entry : recorded.entrySet()) {
        List<Double> values = entry.getValue().list;
        for (int from = 0; from < values.size(); from += MAX_VALUES) {
          place(lines, entry.getKey(), values.subList(from, Math.min(values.size(), from + MAX_VALUES)));
        }
      }
      recorded.clear();
      long timestamp = clock.millis();
      for (Line line : lines) {
        out.accept(line.json(timestamp));
      }
    }

    private void place(List<Line> lines, Key key, List<Double> values) {
      for (Line line : lines) {
        if (line.accepts(key)) {
          line.add(key, values);
          return;
        }
      }
      Line line = new Line();
      line.add(key, values);
      lines.add(line);
    }
  }

  private static String dimensionValue(String value) {
    if (value == null || value.isBlank()) {
      return "none";
    }
    return value.length() > MAX_DIMENSION_VALUE ? value.substring(0, MAX_DIMENSION_VALUE) : value;
  }

  /** A metric and its dimension values: a plain class, not a record (see the class comment). */
  private static final class Key {
    private final Metric metric;
    private final List<String> dimensionValues;

    Key(Metric metric, List<String> dimensionValues) {
      this.metric = metric;
      this.dimensionValues = dimensionValues;
    }

    Metric metric() {
      return metric;
    }

    List<String> dimensionValues() {
      return dimensionValues;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key && key.metric == metric && key.dimensionValues.equals(dimensionValues);
    }

    @Override
    public int hashCode() {
      return 31 * metric.hashCode() + dimensionValues.hashCode();
    }
  }

  private static final class Values {
    final List<Double> list = new ArrayList<>(1);
  }

  /** One EMF document: dimension values shared by all of its metrics, a directive per dimension set. */
  private final class Line {
    final Map<String, String> dimensions = new LinkedHashMap<>();
    final Map<Metric, List<Double>> metrics = new LinkedHashMap<>();
    final Map<List<String>, List<Metric>> directives = new LinkedHashMap<>();

    Line() {
      dimensions.put(FUNCTION, function);
    }

    boolean accepts(Key key) {
      if (metrics.containsKey(key.metric())) {
        return false;
      }
      List<Metric> directive = directives.get(key.metric().dimensionSet());
      if (directive != null && directive.size() >= MAX_METRICS) {
        return false;
      }
      List<String> names = key.metric().dimensions();
      for (int i = 0; i < names.size(); i++) {
        String present = dimensions.get(names.get(i));
        if (present != null && !present.equals(key.dimensionValues().get(i))) {
          return false;
        }
      }
      return true;
    }

    void add(Key key, List<Double> values) {
      List<String> names = key.metric().dimensions();
      for (int i = 0; i < names.size(); i++) {
        dimensions.put(names.get(i), key.dimensionValues().get(i));
      }
      metrics.put(key.metric(), List.copyOf(values));
      List<Metric> directive = directives.get(key.metric().dimensionSet());
      if (directive == null) {
        directive = new ArrayList<>();
        directives.put(key.metric().dimensionSet(), directive);
      }
      directive.add(key.metric());
    }

    String json(long timestamp) {
      StringWriter text = new StringWriter();
      try (JsonGenerator json = FACTORY.createGenerator(text)) {
        json.writeStartObject();
        json.writeObjectFieldStart("_aws");
        json.writeNumberField("Timestamp", timestamp);
        json.writeArrayFieldStart("CloudWatchMetrics");
        for (Map.Entry<List<String>, List<Metric>> directive : directives.entrySet()) {
          json.writeStartObject();
          json.writeStringField("Namespace", namespace);
          json.writeArrayFieldStart("Dimensions");
          json.writeStartArray();
          for (String dimension : directive.getKey()) {
            json.writeString(dimension);
          }
          json.writeEndArray();
          json.writeEndArray();
          json.writeArrayFieldStart("Metrics");
          for (Metric metric : directive.getValue()) {
            json.writeStartObject();
            json.writeStringField("Name", metric.metricName());
            json.writeStringField("Unit", metric.unit().cloudWatchName());
            json.writeEndObject();
          }
          json.writeEndArray();
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
          json.writeStringField(dimension.getKey(), dimension.getValue());
        }
        for (Map.Entry<Metric, List<Double>> metric : metrics.entrySet()) {
          json.writeFieldName(metric.getKey().metricName());
          List<Double> values = metric.getValue();
          if (values.size() == 1) {
            number(json, values.get(0));
          } else {
            json.writeStartArray();
            for (double value : values) {
              number(json, value);
            }
            json.writeEndArray();
          }
        }
        json.writeEndObject();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return text.toString();
    }
  }

  /** A whole number as one (a count, most durations), else with at most three decimals. */
  private static void number(JsonGenerator json, double value) throws IOException {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      json.writeNumber((long) value);
    } else {
      json.writeNumber(Math.round(value * 1000) / 1000.0);
    }
  }

  @Override
  public String toString() {
    return "Metrics[" + namespace + ", " + Objects.requireNonNull(function) + "]";
  }
}
