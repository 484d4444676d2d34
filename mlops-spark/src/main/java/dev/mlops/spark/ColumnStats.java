package dev.mlops.spark;

import dev.mlops.api.dataset.ColumnProfile;
import java.io.Serializable;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The exact part of one column's profile, built on an executor and merged on the driver: counts of
 * values, nulls and NaN, min, max, mean and the sum of squared deviations. Values are added by
 * Welford's update and parts merged by Chan et al.'s parallel formula, so the mean and variance
 * match a single pass over the same rows to rounding (a few units in the last place), whatever
 * the partitioning. Not thread-safe.
 */
final class ColumnStats implements Serializable {
  private static final long serialVersionUID = 1L;

  long count;
  long nulls;
  long nans;
  /** Non-NaN numeric values: the ones min, max, mean and the squares describe. */
  long numbers;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  double mean;
  double squares;
  boolean infinite;

  void addNull() {
    nulls++;
  }

  void addText() {
    count++;
  }

  void addNumber(double value) {
    count++;
    if (Double.isNaN(value)) {
      nans++;
      return;
    }
    infinite |= Double.isInfinite(value);
    numbers++;
    min = Math.min(min, value);
    max = Math.max(max, value);
    double delta = value - mean;
    mean += delta / numbers;
    squares += delta * (value - mean);
  }

  /** Adds another part's statistics to this one (Chan, Golub and LeVeque 1979). */
  void merge(ColumnStats other) {
    count += other.count;
    nulls += other.nulls;
    nans += other.nans;
    infinite |= other.infinite;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    long total = numbers + other.numbers;
    if (total > 0 && other.numbers > 0) {
      double delta = other.mean - mean;
      mean += delta * other.numbers / total;
      squares += other.squares + delta * delta * ((double) numbers * other.numbers / total);
    }
    numbers = total;
  }

  /**
   * The column's table profile. Quantiles are left empty: they are estimates from the merged
   * sketch, which the reference profile carries (a dataset commit also keeps estimated quantiles
   * out of its manifest).
   */
  ColumnProfile toProfile(String type, boolean numeric, List<ColumnProfile.FrequentItem> frequent) {
    if (!numeric || numbers == 0) {
      return new ColumnProfile(type, count, nulls, nans, OptionalDouble.empty(), OptionalDouble.empty(),
          OptionalDouble.empty(), OptionalDouble.empty(), new TreeMap<>(), frequent);
    }
    return new ColumnProfile(type, count, nulls, nans, OptionalDouble.of(min), OptionalDouble.of(max),
        OptionalDouble.of(mean), OptionalDouble.of(Math.sqrt(squares / numbers)), new TreeMap<>(), frequent);
  }
}
