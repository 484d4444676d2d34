package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The drift result of one column.
 *
 * @param column the column's name
 * @param type how the column was compared
 * @param method the method used (the one {@code auto} chose, when no method was configured)
 * @param statistic the test statistic or distance
 * @param pValue the p-value, for tests; empty for distances
 * @param threshold the threshold the decision used
 * @param drifted whether the column drifted: p-value below the threshold for tests, statistic at
 *     or above it for distances
 * @param referenceSize the reference's count of non-missing values
 * @param currentSize the current sample's count of non-missing values
 * @param exact {@code true} when computed on raw values, {@code false} when the reference was a
 *     sketch-based profile (see {@code docs/drift.md} for the error bound)
 * @param histogram the reference and current shares over the column's bins, for reports
 */
public record ColumnDrift(
    String column,
    ColumnType type,
    DriftMethod method,
    double statistic,
    OptionalDouble pValue,
    double threshold,
    boolean drifted,
    long referenceSize,
    long currentSize,
    boolean exact,
    Histogram histogram) {
  /**
   * Creates the value.
   *
   * @param column the column
   * @param type the column type
   * @param method the method
   * @param statistic the statistic
   * @param pValue the p-value, or empty
   * @param threshold the threshold
   * @param drifted whether it drifted
   * @param referenceSize reference values
   * @param currentSize current values
   * @param exact whether computed on raw values
   * @param histogram binned shares
   */
  public ColumnDrift {
    requireNonNull(column, "column");
    requireNonNull(type, "type");
    requireNonNull(method, "method");
    requireNonNull(pValue, "pValue");
    requireNonNull(histogram, "histogram");
  }
}
