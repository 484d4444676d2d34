package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

/**
 * A metric on one slice of the data, as reported by a {@link SliceCheck}.
 *
 * @param metric the metric's name
 * @param column the column sliced by
 * @param slice the slice's label: the value, or the bucket such as {@code [10.0, 20.0)}
 * @param size the number of rows in the slice
 * @param value the metric on the slice (NaN if undefined there)
 * @param overall the metric on all rows
 * @param judged whether the slice was large enough to be judged
 * @param passed whether it passed (always {@code true} when not judged)
 */
public record SliceOutcome(String metric, String column, String slice, long size, double value,
    double overall, boolean judged, boolean passed) {
  /**
   * Creates the value.
   *
   * @param metric the metric
   * @param column the column
   * @param slice the slice's label
   * @param size rows in the slice
   * @param value the metric on it
   * @param overall the metric overall
   * @param judged whether it was judged
   * @param passed whether it passed
   */
  public SliceOutcome {
    requireNonNull(metric, "metric");
    requireNonNull(column, "column");
    requireNonNull(slice, "slice");
  }
}
