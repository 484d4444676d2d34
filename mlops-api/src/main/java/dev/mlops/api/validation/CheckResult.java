package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The outcome of one check.
 *
 * @param check the check
 * @param passed whether it passed
 * @param observed the candidate's value of the metric
 * @param baseline the baseline's value, for change thresholds
 * @param message what was compared, in words
 */
public record CheckResult(Check check, boolean passed, double observed, OptionalDouble baseline, String message) {
  /**
   * Creates the value.
   *
   * @param check the check
   * @param passed whether it passed
   * @param observed the observed value
   * @param baseline the baseline's value, or empty
   * @param message the explanation
   */
  public CheckResult {
    requireNonNull(check, "check");
    requireNonNull(baseline, "baseline");
    requireNonNull(message, "message");
  }
}
