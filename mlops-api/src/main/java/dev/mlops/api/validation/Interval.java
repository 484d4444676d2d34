package dev.mlops.api.validation;

import java.util.Objects;

/**
 * A bootstrap confidence interval of a metric.
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below {@code lower}
 * @param confidence the confidence level, for example 0.95
 * @param method how the bounds were read from the resamples (a {@link IntervalMethod#BCA} request
 *     falls back to {@link IntervalMethod#PERCENTILE} for a metric whose bias correction is
 *     undefined, and the interval says so)
 */
public record Interval(double lower, double upper, double confidence, IntervalMethod method) {
  /**
   * Creates the value.
   *
   * @param lower the lower bound
   * @param upper the upper bound
   * @param confidence the level, in (0, 1)
   * @param method the method
   */
  public Interval {
    Objects.requireNonNull(method, "method");
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    if (lower > upper) {
      throw new IllegalArgumentException("interval lower bound " + lower + " is above upper " + upper);
    }
  }

  /**
   * Creates a percentile interval, the only method before {@link IntervalMethod} existed.
   *
   * @param lower the lower bound
   * @param upper the upper bound
   * @param confidence the level, in (0, 1)
   */
  public Interval(double lower, double upper, double confidence) {
    this(lower, upper, confidence, IntervalMethod.PERCENTILE);
  }
}
