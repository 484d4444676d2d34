package dev.mlops.core.internal.validation;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.ChangeThreshold;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.ValueThreshold;
import dev.mlops.core.input.ByteUnits;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Value and change thresholds. A NaN (unmeasured or undefined) value never passes. */
final class Thresholds {
  private Thresholds() {}

  static CheckResult value(ValueThreshold t, double observed, Optional<Interval> interval) {
    double judged = observed;
    String what = t.metric();
    if (t.onIntervalBound()) {
      boolean lower = t.comparison() == Comparison.AT_LEAST || t.comparison() == Comparison.ABOVE;
      judged = interval.map(i -> lower ? i.lower() : i.upper()).orElse(Double.NaN);
      what = (lower ? "lower" : "upper") + " bound of " + t.metric();
    }
    boolean passed = !Double.isNaN(judged) && t.comparison().test(judged, t.threshold());
    String message = Double.isNaN(judged)
        ? what + " could not be measured" + unmeasuredHint(t.metric(), t.onIntervalBound())
        : String.format(Locale.ROOT, "%s = %s, required %s %s", what, number(t.metric(), judged),
            t.comparison().symbol(), number(t.metric(), t.threshold()));
    return new CheckResult(t, passed, judged, OptionalDouble.of(t.threshold()),
        OptionalDouble.empty(), interval, message);
  }

  static CheckResult change(ChangeThreshold c, double observed, Optional<Double> baseline,
      Optional<Interval> interval) {
    if (baseline.isEmpty()) {
      return new CheckResult(c, false, observed, OptionalDouble.empty(), OptionalDouble.empty(),
          interval, "no baseline model given; a change threshold needs one (usually the champion)");
    }
    double base = baseline.get();
    double allowance = c.relative() ? c.tolerance() * Math.abs(base) : c.tolerance();
    double limit = c.higherIsBetter() ? base - allowance : base + allowance;
    boolean passed = c.higherIsBetter() ? observed >= limit : observed <= limit; // NaN fails
    String message = String.format(Locale.ROOT, "%s = %s, baseline %s, required %s %s",
        c.metric(), number(observed), number(base), c.higherIsBetter() ? ">=" : "<=", number(limit));
    return new CheckResult(c, passed, observed, OptionalDouble.of(limit), OptionalDouble.of(base),
        interval, message);
  }

  private static String unmeasuredHint(String metric, boolean onInterval) {
    if (onInterval) {
      return " (no bootstrap resample gave a value)";
    }
    if (metric.equals(dev.mlops.api.validation.MetaMetrics.LOAD_TIME)
        || metric.equals(dev.mlops.api.validation.MetaMetrics.ARTIFACT_SIZE)) {
      return " (load time and artifact size need a model artifact the SDK loads, such as an ONNX"
          + " model from the registry; a host-supplied Predictor has neither)";
    }
    return " (undefined on this data, for example AUC with one class only)";
  }

  /** A metric's value in words: bytes of a meta metric in binary units, other numbers plainly. */
  static String number(String metric, double v) {
    return MetricCatalog.isMeta(metric) && MetricCatalog.metaUnit(metric).equals("bytes")
        ? ByteUnits.format(v) : number(v);
  }

  /**
   * Four decimals; whole numbers as integers, with thousands separators from 100,000 on (no
   * exponents, and no {@code 1.00000} beside {@code 0.8000}).
   */
  static String number(double v) {
    if (Math.abs(v) >= 1e5 && Math.abs(v) < 1e15) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, v == Math.rint(v) ? "%.0f" : "%.4f", v);
  }
}
