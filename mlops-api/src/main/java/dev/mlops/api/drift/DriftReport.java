package dev.mlops.api.drift;

import java.util.List;
import java.util.Optional;

/**
 * The drift result of a whole sample: each column's result and whether the dataset as a whole
 * drifted (the share of drifted columns reached the configured share).
 *
 * @param columns each column's result, in the compared order
 * @param driftedShare the share of columns that drifted, from 0 to 1
 * @param datasetDrift whether the dataset drifted
 */
public record DriftReport(List<ColumnDrift> columns, double driftedShare, boolean datasetDrift) {
  /**
   * Creates the value; {@code columns} is copied.
   *
   * @param columns per-column results
   * @param driftedShare share of drifted columns
   * @param datasetDrift dataset-level decision
   */
  public DriftReport {
    columns = List.copyOf(columns);
  }

  /**
   * Returns one column's result.
   *
   * @param name the column
   * @return its result, or empty if it was not compared
   */
  public Optional<ColumnDrift> column(String name) {
    return columns.stream().filter(c -> c.column().equals(name)).findFirst();
  }
}
