package dev.mlops.core.internal.drift.profile;

/**
 * A {@link QuantileSketch}'s items in ascending order with their cumulative weights: the step
 * function the sketch estimates the CDF with. Immutable; the arrays are shared with callers in this
 * package, which only read them.
 */
public final class QuantileView {
  final double[] items;
  final long[] cumulativeWeights;
  private final double min;
  private final double max;
  private final long n;

  QuantileView(double[] items, long[] cumulativeWeights, double min, double max) {
    this.items = items;
    this.cumulativeWeights = cumulativeWeights;
    this.min = min;
    this.max = max;
    this.n = items.length == 0 ? 0 : cumulativeWeights[items.length - 1];
  }

  /**
   * Returns the estimated fraction of values at most {@code x}.
   *
   * @param x a number
   * @return in [0, 1]; 0 when empty
   */
  public double rank(double x) {
    int lo = 0;
    int hi = items.length; // first index whose item is above x
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (items[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? 0 : (double) cumulativeWeights[lo - 1] / n;
  }

  /**
   * Returns the smallest item whose cumulative fraction is at least {@code p}: exact while the
   * sketch holds every value. Ranks 0 and 1 give the exact minimum and maximum.
   *
   * @param p in [0, 1]
   * @return the quantile; NaN when empty
   * @throws IllegalArgumentException if p is outside [0, 1]
   */
  public double quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("rank must be in [0, 1], got " + p);
    }
    if (n == 0) {
      return Double.NaN;
    }
    if (p == 0) {
      return min;
    }
    if (p == 1) {
      return max;
    }
    // p·n in floating point may land just above a whole number it stands for (0.3 · 10).
    long need = Math.max(1, (long) Math.ceil(p * n * (1 - 1e-12)));
    int lo = 0;
    int hi = items.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeWeights[mid] >= need) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return items[lo];
  }
}
