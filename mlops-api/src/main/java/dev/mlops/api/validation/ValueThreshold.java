package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Comparison;
import dev.mlops.api.Names;

/**
 * A metric of the candidate compared with a fixed value, for example {@code auc >= 0.85}. With
 * {@code onIntervalBound} the pessimistic end of the metric's bootstrap interval must pass instead
 * of the point value (the lower bound for {@code >=} and {@code >}, the upper for {@code <=} and
 * {@code <}); the suite must then have {@link Bootstrap} settings.
 *
 * @param metric the metric's name (a built-in, custom or {@link MetaMetrics meta} metric)
 * @param comparison how it is compared
 * @param threshold the value
 * @param onIntervalBound whether the interval's pessimistic bound must pass
 */
public record ValueThreshold(String metric, Comparison comparison, double threshold,
    boolean onIntervalBound) implements Check {
  /**
   * Creates the check.
   *
   * @param metric the metric
   * @param comparison the comparison
   * @param threshold the value, not NaN
   * @param onIntervalBound whether the interval bound must pass
   */
  public ValueThreshold {
    Names.requireValid("metric", metric);
    requireNonNull(comparison, "comparison");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold of '" + metric + "' must not be NaN");
    }
  }

  /**
   * Creates a check on the point value.
   *
   * @param metric the metric
   * @param comparison the comparison
   * @param threshold the value, not NaN
   */
  public ValueThreshold(String metric, Comparison comparison, double threshold) {
    this(metric, comparison, threshold, false);
  }

  @Override
  public String describe() {
    String bound = comparison == Comparison.AT_LEAST || comparison == Comparison.ABOVE
        ? "lower" : "upper";
    return metric + (onIntervalBound ? " (" + bound + " bound of interval)" : "") + " "
        + comparison.symbol() + " " + plain(threshold);
  }

  /**
   * The threshold as written: no exponent ({@code 268435456}, not {@code 2.68435456E8}) and no
   * trailing zeros ({@code 65536}, not {@code 65536.0}; {@code 0.45} stays {@code 0.45}).
   */
  private static String plain(double value) {
    String text = Double.toString(value);
    return Double.isFinite(value)
        ? new java.math.BigDecimal(text).stripTrailingZeros().toPlainString() : text;
  }
}
