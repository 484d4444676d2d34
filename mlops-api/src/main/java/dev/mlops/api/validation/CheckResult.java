package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of one check.
 *
 * @param check the check
 * @param passed whether it passed
 * @param observed the value the check judged (the metric, a gap, a spread or a share); NaN if it
 *     could not be measured
 * @param threshold the limit the observed value was compared with, if the check has one number
 * @param baseline the baseline's value, for change thresholds
 * @param interval the metric's bootstrap interval, when the suite computes intervals
 * @param message what was compared, in words
 */
public record CheckResult(Check check, boolean passed, double observed, OptionalDouble threshold,
    OptionalDouble baseline, Optional<Interval> interval, String message) {
  /**
   * Creates the value.
   *
   * @param check the check
   * @param passed whether it passed
   * @param observed the observed value
   * @param threshold the limit, or empty
   * @param baseline the baseline's value, or empty
   * @param interval the interval, or empty
   * @param message the explanation
   */
  public CheckResult {
    requireNonNull(check, "check");
    requireNonNull(threshold, "threshold");
    requireNonNull(baseline, "baseline");
    requireNonNull(interval, "interval");
    requireNonNull(message, "message");
  }
}
