package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * At most {@code maxRetrains} fired decisions in any window of length {@code period}.
 *
 * @param maxRetrains the most retrains per period, at least 1
 * @param period the sliding period, positive
 */
public record RetrainBudget(int maxRetrains, Duration period) {
  /**
   * Creates the value.
   *
   * @param maxRetrains at least 1
   * @param period positive
   */
  public RetrainBudget {
    requireNonNull(period, "period");
    if (maxRetrains < 1) {
      throw new IllegalArgumentException("budget maxRetrains must be at least 1, got " + maxRetrains);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("budget period must be positive, got " + period);
    }
  }
}
