package dev.mlops.core.internal.drift;

import java.util.Arrays;

/** A numeric column held as its sorted values: every method is exact. */
public final class ExactNumeric implements NumericReference {
  private final double[] sorted;

  /**
   * Wraps values.
   *
   * @param sorted sorted, finite, non-empty; not copied
   */
  public ExactNumeric(double[] sorted) {
    this.sorted = sorted;
  }

  /** The sorted values, not copied. */
  public double[] sorted() {
    return sorted;
  }

  @Override
  public long size() {
    return sorted.length;
  }

  @Override
  public boolean exact() {
    return true;
  }

  @Override
  public double quantile(double p) {
    return quantileOfSorted(sorted, p);
  }

  /** Type-7 quantile of sorted values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]) with h = (n − 1)p. */
  public static double quantileOfSorted(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }

  @Override
  public double cdf(double x) {
    return (double) countAtMost(sorted, x) / sorted.length;
  }

  /** How many sorted values are ≤ x. */
  public static int countAtMost(double[] sorted, double x) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public double std() {
    return Wasserstein.std(sorted);
  }

  @Override
  public KolmogorovSmirnov.Result ks(double[] sortedCurrent) {
    return KolmogorovSmirnov.test(sorted, sortedCurrent);
  }

  @Override
  public double normedWasserstein(double[] sortedCurrent) {
    int unit = Wasserstein.unit(sorted[0], sorted[sorted.length - 1]);
    return Wasserstein.normed(Wasserstein.distance(sorted, sortedCurrent, unit), Wasserstein.std(sorted, unit), unit);
  }

  @Override
  public StepCdf steps() {
    return StepCdf.of(sorted);
  }

  @Override
  public double rankError() {
    return 0;
  }

  @Override
  public double normedWasserstein(StepCdf current) {
    int unit = Wasserstein.unit(sorted[0], sorted[sorted.length - 1]);
    return Wasserstein.normed(StepCdf.wasserstein(steps(), current, unit), Wasserstein.std(sorted, unit), unit);
  }

  @Override
  public double[] distinctValues(int limit) {
    return distinct(sorted, limit);
  }

  /** The distinct values of sorted values if there are at most {@code limit}, else empty. */
  public static double[] distinct(double[] sorted, int limit) {
    double[] found = new double[Math.min(limit, sorted.length)];
    int count = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        if (count == found.length) {
          return new double[0];
        }
        found[count++] = ColumnValues.canonical(sorted[i]); // −0.0 sorts first; the block is one value
      }
    }
    return Arrays.copyOf(found, count);
  }

  @Override
  public long[] counts(double[] values) {
    long[] counts = new long[values.length];
    for (int v = 0; v < values.length; v++) {
      counts[v] = countAtMost(sorted, values[v]) - countAtMost(sorted, Math.nextDown(values[v]));
    }
    return counts;
  }
}
