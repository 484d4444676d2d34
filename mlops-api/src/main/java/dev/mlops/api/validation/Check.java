package dev.mlops.api.validation;

/**
 * One requirement of a validation suite. The Validator issue adds latency, memory, slice,
 * stability and data checks next to the thresholds here.
 */
public sealed interface Check permits ValueThreshold, ChangeThreshold {
  /**
   * Returns the metric the check reads.
   *
   * @return the metric's name (for example {@code auc})
   */
  String metric();

  /**
   * Describes the requirement the way a person reads it (for example {@code auc >= 0.85}).
   *
   * @return the description
   */
  String describe();
}
