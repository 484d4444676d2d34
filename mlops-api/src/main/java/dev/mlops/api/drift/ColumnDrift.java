package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The drift result of one column.
 *
 * @param column the column's name
 * @param method the method used
 * @param statistic the test statistic or distance
 * @param pValue the p-value, for tests
 * @param threshold the threshold the decision used
 * @param drifted whether the column drifted
 */
public record ColumnDrift(
    String column, DriftMethod method, double statistic, OptionalDouble pValue, double threshold, boolean drifted) {
  /**
   * Creates the value.
   *
   * @param column the column
   * @param method the method
   * @param statistic the statistic
   * @param pValue the p-value, or empty
   * @param threshold the threshold
   * @param drifted whether it drifted
   */
  public ColumnDrift {
    requireNonNull(column, "column");
    requireNonNull(method, "method");
    requireNonNull(pValue, "pValue");
  }
}
