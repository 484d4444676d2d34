package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.CustomMetric;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.core.input.Excerpt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The metrics one suite can name: the built-in ones and the suite's custom metrics. */
public final class MetricCatalog {
  /**
   * Meta metrics no longer measured, with the reason and the replacement: a suite that names one
   * (an old suite file, a stored gate) fails when it runs and says what to use instead. Stored
   * reports that carry them read as they are.
   */
  private static final Map<String, String> RETIRED = Map.of("memory.peak_heap.bytes",
      "it read the heap pools' peaks, which move in whole G1 regions (always 0 or 4,194,304 bytes),"
      + " so it said nothing about the model; require " + MetaMetrics.ALLOCATED_PER_PREDICTION
      + " (heap bytes per one-row prediction) or " + MetaMetrics.PEAK_NATIVE + " instead");

  private final Map<String, Metric> custom = new LinkedHashMap<>();

  /**
   * Creates the catalogue of a suite.
   *
   * @param metrics the suite's custom metrics
   * @throws IllegalArgumentException if a custom metric reuses a built-in or meta metric's name
   */
  public MetricCatalog(List<CustomMetric> metrics) {
    for (CustomMetric m : metrics) {
      if (BuiltinMetrics.find(m.name()).isPresent() || MetaMetrics.ALL.contains(m.name())) {
        throw new IllegalArgumentException("custom metric '" + m.name() + "' has the name of a"
            + " built-in metric; choose another name");
      }
      custom.put(m.name(), new Custom(m));
    }
  }

  /** Returns the unit of a meta metric: ms, rows/s or bytes. */
  public static String metaUnit(String name) {
    return name.endsWith(".ms") ? "ms" : name.endsWith("rows_per_s") ? "rows/s" : "bytes";
  }

  /** Tells whether {@code name} is a meta metric, measured on the model rather than its outputs. */
  public static boolean isMeta(String name) {
    return MetaMetrics.ALL.contains(name);
  }

  /**
   * Finds a metric computed from predictions.
   *
   * @param name its name
   * @return the metric
   * @throws IllegalArgumentException naming the known metrics, if none has this name
   */
  public Metric resolve(String name) {
    Metric m = custom.get(name);
    if (m == null) {
      m = BuiltinMetrics.find(name).orElse(null);
    }
    if (m == null && RETIRED.containsKey(name)) {
      throw new IllegalArgumentException("meta metric '" + name + "' is no longer measured: "
          + RETIRED.get(name));
    }
    if (m == null) {
      throw new IllegalArgumentException("unknown metric '" + Excerpt.of(name) + "'; known metrics: "
          + known() + " (custom metrics must be defined in the suite)");
    }
    return m;
  }

  /** Returns every metric name a check may use, sorted. */
  public TreeSet<String> known() {
    TreeSet<String> names = new TreeSet<>(BuiltinMetrics.names());
    names.addAll(custom.keySet());
    names.addAll(MetaMetrics.ALL);
    return names;
  }

  private record Custom(CustomMetric definition) implements Metric {
    @Override
    public String name() {
      return definition.name();
    }

    @Override
    public boolean higherIsBetter() {
      return definition.higherIsBetter();
    }

    @Override
    public String unit() {
      return definition.unit();
    }

    @Override
    public double compute(Predictions p, int @Nullable [] weights) {
      if (weights != null && Weights.total(weights) == 0) {
        return Double.NaN;
      }
      return definition.function().compute(p.selectedLabels(weights), p.selectedOutputs(weights));
    }
  }
}
