package dev.mlops.api.validation;

/**
 * One requirement of a validation suite: a threshold on a metric (model metrics, business
 * metrics and the {@link MetaMetrics meta metrics} alike), a change against a baseline, a slice,
 * stability or data check.
 */
public sealed interface Check permits ValueThreshold, ChangeThreshold, SliceCheck, StabilityCheck,
    SchemaCheck, NullShareCheck, RangeCheck, CategoryCheck, DuplicateCheck, TrainingOverlapCheck {
  /**
   * Returns the name of the value the check observes.
   *
   * @return the metric's name (for example {@code auc}, or {@code data.duplicate_share})
   */
  String metric();

  /**
   * Describes the requirement the way a person reads it (for example {@code auc >= 0.85}).
   *
   * @return the description
   */
  String describe();
}
