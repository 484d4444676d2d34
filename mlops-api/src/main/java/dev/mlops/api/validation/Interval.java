package dev.mlops.api.validation;

/**
 * A bootstrap confidence interval of a metric (percentile method).
 *
 * @param lower the lower bound
 * @param upper the upper bound, not below {@code lower}
 * @param confidence the confidence level, for example 0.95
 */
public record Interval(double lower, double upper, double confidence) {
  /**
   * Creates the value.
   *
   * @param lower the lower bound
   * @param upper the upper bound
   * @param confidence the level, in (0, 1)
   */
  public Interval {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    if (lower > upper) {
      throw new IllegalArgumentException("interval lower bound " + lower + " is above upper " + upper);
    }
  }
}
