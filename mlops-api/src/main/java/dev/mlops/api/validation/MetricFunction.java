package dev.mlops.api.validation;

/**
 * A user-defined metric: a number computed from true labels and model outputs. Called on the whole
 * data and again on each slice, subset and bootstrap resample, so it must be a pure function.
 */
@FunctionalInterface
public interface MetricFunction {
  /**
   * Computes the metric.
   *
   * @param labels the true labels of the rows (class indices for classifiers)
   * @param outputs the model's output row for each label, in the same order
   * @return the value; NaN when undefined (the check then fails)
   */
  double compute(double[] labels, float[][] outputs);
}
