package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Comparison;
import dev.mlops.api.Names;

/**
 * A metric of the candidate compared with a fixed value, for example {@code auc >= 0.85}.
 *
 * @param metric the metric's name
 * @param comparison how it is compared
 * @param threshold the value
 */
public record ValueThreshold(String metric, Comparison comparison, double threshold) implements Check {
  /**
   * Creates the check.
   *
   * @param metric the metric
   * @param comparison the comparison
   * @param threshold the value, not NaN
   */
  public ValueThreshold {
    Names.requireValid("metric", metric);
    requireNonNull(comparison, "comparison");
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold of '" + metric + "' must not be NaN");
    }
  }

  @Override
  public String describe() {
    return metric + " " + comparison.symbol() + " " + threshold;
  }
}
