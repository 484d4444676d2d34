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

  /**
   * Computes the metric on each group of rows (slices, stability subsets). The default selects
   * each group with a 0/1 mask; metrics with a cheaper one-pass form override it.
   *
   * @param predictions labels and outputs
   * @param groups each row's group, 0 to {@code count - 1}
   * @param count the number of groups
   * @return the metric per group
   */
  default double[] computeGroups(Predictions predictions, int[] groups, int count) {
    double[] values = new double[count];
    for (int g = 0; g < count; g++) {
      values[g] = compute(predictions, Weights.mask(groups, g));
    }
    return values;
  }
}
