package dev.mlops.core.internal.validation;

import java.util.Arrays;

/** Percentiles by linear interpolation between closest ranks (numpy's default "linear" method). */
final class Percentiles {
  private Percentiles() {}

  /**
   * Returns the {@code q} quantile of {@code sorted}.
   *
   * @param sorted ascending values, not empty
   * @param q the quantile, 0 to 1
   * @return the interpolated value
   */
  static double of(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(sorted.length - 1, below + 1);
    double fraction = position - below;
    return sorted[below] + fraction * (sorted[above] - sorted[below]);
  }

  static double[] sortedFinite(double[] values) {
    return Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
  }
}
