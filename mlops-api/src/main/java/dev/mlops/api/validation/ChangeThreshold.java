package dev.mlops.api.validation;

import dev.mlops.api.Names;

/**
 * A metric of the candidate compared with the same metric of a baseline (usually the champion):
 * for example "auc not lower than the baseline's by more than 0.01".
 *
 * @param metric the metric's name
 * @param higherIsBetter the direction: {@code true} if a larger value is better (auc), {@code
 *     false} if smaller is better (log loss)
 * @param tolerance how much worse than the baseline is still acceptable, not negative
 * @param relative whether {@code tolerance} is a fraction of the baseline's value instead of an
 *     absolute amount
 */
public record ChangeThreshold(String metric, boolean higherIsBetter, double tolerance, boolean relative)
    implements Check {
  /**
   * Creates the check.
   *
   * @param metric the metric
   * @param higherIsBetter the direction
   * @param tolerance the tolerance, finite and not negative
   * @param relative whether the tolerance is relative
   */
  public ChangeThreshold {
    Names.requireValid("metric", metric);
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance of '" + metric
          + "' must be a finite number >= 0, got " + tolerance);
    }
  }

  @Override
  public String describe() {
    String amount = relative ? (tolerance * 100) + "%" : String.valueOf(tolerance);
    return metric + " not " + (higherIsBetter ? "lower" : "higher") + " than baseline by more than "
        + amount;
  }
}
