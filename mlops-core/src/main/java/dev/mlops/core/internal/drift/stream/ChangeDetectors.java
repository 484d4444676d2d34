package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.core.input.Excerpt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Creates change detectors from a kind and named parameters, each defaulting to its paper's value. */
public final class ChangeDetectors {
  private ChangeDetectors() {}

  /** Each kind's parameters and their defaults. */
  public static Map<String, Double> defaults(DetectorKind kind) {
    Map<String, Double> d = new LinkedHashMap<>();
    switch (kind) {
      case ADWIN -> {
        d.put("delta", 0.002);
        d.put("max_buckets", 5.0);
        d.put("clock", 16.0);
        d.put("rigorous", 0.0);
      }
      case DDM -> {
        d.put("min_instances", 30.0);
        d.put("warning_level", 2.0);
        d.put("drift_level", 3.0);
      }
      case EDDM -> {
        d.put("min_errors", 30.0);
        d.put("alpha", 0.95);
        d.put("beta", 0.90);
      }
      case PAGE_HINKLEY -> {
        d.put("min_instances", 30.0);
        d.put("delta", 0.005);
        d.put("lambda", 50.0);
        d.put("alpha", 0.9999);
        d.put("direction", 1.0);
      }
      case HDDM_A -> {
        d.put("drift_confidence", 0.001);
        d.put("warning_confidence", 0.005);
        d.put("two_sided", 0.0);
      }
      case HDDM_W -> {
        d.put("drift_confidence", 0.001);
        d.put("warning_confidence", 0.005);
        d.put("lambda", 0.05);
        d.put("two_sided", 0.0);
      }
      case KSWIN -> {
        d.put("alpha", 0.005);
        d.put("window_size", 100.0);
        d.put("stat_size", 30.0);
        d.put("seed", 42.0);
      }
    }
    return d;
  }

  /**
   * Creates a detector.
   *
   * @param kind the detector
   * @param params parameters overriding the defaults
   * @return a new detector
   * @throws IllegalArgumentException for an unknown parameter or a value out of range
   */
  public static ChangeDetector create(DetectorKind kind, Map<String, Double> params) {
    Map<String, Double> p = defaults(kind);
    for (Map.Entry<String, Double> e : params.entrySet()) {
      if (!p.containsKey(e.getKey())) {
        throw new IllegalArgumentException(kind.cliName() + " has no parameter '" + Excerpt.of(e.getKey())
            + "'; its parameters: "
            + new TreeSet<>(p.keySet()));
      }
      if (e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw new IllegalArgumentException(kind.cliName() + " parameter '" + Excerpt.of(e.getKey())
            + "' must be finite, got "
            + e.getValue());
      }
      p.put(e.getKey(), e.getValue());
    }
    return switch (kind) {
      case ADWIN -> new Adwin(open01(kind, p, "delta"), atLeast(kind, p, "max_buckets", 2), atLeast(kind, p, "clock", 1),
          flag(kind, p, "rigorous"));
      case DDM -> new Ddm(atLeast(kind, p, "min_instances", 1), positive(kind, p, "warning_level"),
          positive(kind, p, "drift_level"));
      case EDDM -> new Eddm(atLeast(kind, p, "min_errors", 1), open01(kind, p, "alpha"), open01(kind, p, "beta"));
      case PAGE_HINKLEY -> new PageHinkley(atLeast(kind, p, "min_instances", 1), p.get("delta"),
          positive(kind, p, "lambda"), open01(kind, p, "alpha") , (int) Math.signum(p.get("direction")));
      case HDDM_A -> new HddmA(open01(kind, p, "drift_confidence"), open01(kind, p, "warning_confidence"),
          p.get("two_sided") != 0);
      case HDDM_W -> new HddmW(open01(kind, p, "drift_confidence"), open01(kind, p, "warning_confidence"),
          open01(kind, p, "lambda"), p.get("two_sided") != 0);
      case KSWIN -> new Kswin(open01(kind, p, "alpha"), atLeast(kind, p, "window_size", 2),
          atLeast(kind, p, "stat_size", 1), p.get("seed").longValue());
    };
  }

  /** Names of the parameters of a kind. */
  public static Set<String> parameters(DetectorKind kind) {
    return defaults(kind).keySet();
  }

  private static double open01(DetectorKind kind, Map<String, Double> p, String name) {
    double v = p.get(name);
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(kind.cliName() + " parameter '" + Excerpt.of(name)
          + "' must be in (0, 1], got " + v);
    }
    return v;
  }

  private static boolean flag(DetectorKind kind, Map<String, Double> p, String name) {
    double v = p.get(name);
    if (v != 0 && v != 1) {
      throw new IllegalArgumentException(kind.cliName() + " parameter '" + Excerpt.of(name) + "' must be 0 or 1, got "
          + v);
    }
    return v == 1;
  }

  private static double positive(DetectorKind kind, Map<String, Double> p, String name) {
    double v = p.get(name);
    if (!(v > 0)) {
      throw new IllegalArgumentException(kind.cliName() + " parameter '" + Excerpt.of(name) + "' must be > 0, got "
          + v);
    }
    return v;
  }

  private static int atLeast(DetectorKind kind, Map<String, Double> p, String name, int min) {
    double v = p.get(name);
    if (v < min || v != Math.rint(v) || v > 1_000_000) {
      throw new IllegalArgumentException(kind.cliName() + " parameter '" + Excerpt.of(name)
          + "' must be an integer in ["
          + min + ", 1000000], got " + v);
    }
    return (int) v;
  }
}
