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
    ExactNumeric values = new ExactNumeric(sorted);
    return new NumericCurrent() {
      @Override
      public long size() {
        return values.size();
      }

      @Override
      public boolean exact() {
        return true;
      }

      @Override
      public double cdf(double x) {
        return values.cdf(x);
      }

      @Override
      public Distinct distinct() {
        double[] distinct = ExactNumeric.distinct(sorted, sorted.length);
        return new Distinct(distinct, values.counts(distinct));
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
