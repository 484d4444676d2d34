package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.List;

/**
 * The metric on each slice of the data (each value of a column, or each bucket of a numeric column)
 * must not be worse than the metric on all rows by more than {@code maxGap} ("worse" follows the
 * metric's direction: lower accuracy, higher log loss). Slices smaller than {@code minSliceSize}
 * rows are reported but not judged. The observed value is the largest gap among judged slices.
 *
 * @param metric the metric's name
 * @param column an attribute of the data, or a named feature column
 * @param bucketEdges for numeric columns, the ascending inner edges of the buckets ({@code [10, 20]}
 *     makes {@code (-inf, 10)}, {@code [10, 20)}, {@code [20, inf)}); empty: one slice per value
 * @param maxGap how much worse than overall a slice may be, not negative
 * @param minSliceSize the smallest slice that is judged, at least 1
 */
public record SliceCheck(String metric, String column, List<Double> bucketEdges, double maxGap,
    int minSliceSize) implements Check {
  /** The default smallest judged slice: 30 rows. */
  public static final int DEFAULT_MIN_SLICE_SIZE = 30;

  /**
   * Creates the check; {@code bucketEdges} is copied.
   *
   * @param metric the metric
   * @param column the column
   * @param bucketEdges ascending finite edges, or empty
   * @param maxGap the largest gap
   * @param minSliceSize the smallest judged slice
   */
  public SliceCheck {
    Names.requireValid("metric", metric);
    Names.requireValidColumn(column);
    bucketEdges = List.copyOf(requireNonNull(bucketEdges, "bucketEdges"));
    for (int i = 0; i < bucketEdges.size(); i++) {
      double edge = bucketEdges.get(i);
      if (!Double.isFinite(edge) || i > 0 && !(edge > bucketEdges.get(i - 1))) {
        throw new IllegalArgumentException("bucketEdges of '" + column
            + "' must be finite and strictly ascending, got " + bucketEdges);
      }
    }
    if (!(maxGap >= 0) || Double.isInfinite(maxGap)) {
      throw new IllegalArgumentException("maxGap of '" + metric + "' must be a finite number >= 0,"
          + " got " + maxGap);
    }
    if (minSliceSize < 1) {
      throw new IllegalArgumentException("minSliceSize must be at least 1, got " + minSliceSize);
    }
  }

  @Override
  public String describe() {
    return metric + " on every slice of " + column + " at most " + maxGap + " worse than overall"
        + " (slices of at least " + minSliceSize + " rows)";
  }
}
