package dev.mlops.core.internal.validation;

import org.jspecify.annotations.Nullable;

/** A metric of labels and model outputs, evaluated on a weighted selection of rows. */
public interface Metric {
  /** Returns the metric's name, as checks refer to it. */
  String name();

  /** Returns whether a larger value is better. */
  boolean higherIsBetter();

  /** Returns the unit people read next to the value (empty for plain ratios). */
  String unit();

  /**
   * Computes the metric.
   *
   * @param predictions labels and outputs
   * @param weights how often each row counts, or {@code null} for every row once
   * @return the value; NaN when undefined on this selection (empty, or one class only for AUC)
   */
  double compute(Predictions predictions, int @Nullable [] weights);
}
