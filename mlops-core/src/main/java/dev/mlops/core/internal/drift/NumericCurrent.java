package dev.mlops.core.internal.drift;

/**
 * The current side of a numeric comparison: raw values ({@link #of(double[])}, every method as
 * exact as the reference allows) or a profile's sketch (built where the data lives, for example
 * on Spark's executors; read within the sketch's rank error).
 */
public interface NumericCurrent {
  /** Number of non-missing values. */
  long size();

  /** Whether this side is raw values rather than a sketch. */
  boolean exact();

  /** Share of values ≤ x. */
  double cdf(double x);

  /**
   * The distinct values with their counts, for comparing a few-valued column as categories:
   * exact for raw values and for a sketch that kept its distinct values, else read from the
   * sketch's items and weights.
   */
  Distinct distinct();

  /** Two-sample KS against a reference. */
  KolmogorovSmirnov.Result ks(NumericReference reference);

  /** The reference-normed first Wasserstein distance to a reference ({@link NumericReference#normedWasserstein}). */
  double normedWasserstein(NumericReference reference);

  /**
   * Distinct values, ascending, and their counts.
   *
   * @param values the values, without −0.0
   * @param counts the count of each
   */
  record Distinct(double[] values, long[] counts) {}

  /**
   * Raw values as the current side.
   *
   * @param sorted sorted, finite, non-empty; not copied
   * @return the current side
   */
  static NumericCurrent of(double[] sorted) {
    return new NumericCurrent() {
      @Override
      public long size() {
        return sorted.length;
      }

      @Override
      public boolean exact() {
        return true;
      }

      @Override
      public double cdf(double x) {
        return (double) ExactNumeric.countAtMost(sorted, x) / sorted.length;
      }

      @Override
      public Distinct distinct() {
        int blocks = 0;
        for (int i = 0; i < sorted.length; i++) {
          blocks += i == 0 || sorted[i] != sorted[i - 1] ? 1 : 0;
        }
        double[] values = new double[blocks];
        long[] counts = new long[blocks];
        int at = -1;
        for (int i = 0; i < sorted.length; i++) {
          if (i == 0 || sorted[i] != sorted[i - 1]) {
            values[++at] = ColumnValues.canonical(sorted[i]); // −0.0 and 0.0 are one block
          }
          counts[at]++;
        }
        return new Distinct(values, counts);
      }

      @Override
      public KolmogorovSmirnov.Result ks(NumericReference reference) {
        return reference.ks(sorted);
      }

      @Override
      public double normedWasserstein(NumericReference reference) {
        return reference.normedWasserstein(sorted);
      }
    };
  }
}
