package dev.mlops.core.internal.drift;

/**
 * What the numeric methods need from a reference column: exact (the sorted values) or
 * approximate (a stored sketch). The current side is raw values or a sketch ({@link NumericCurrent}).
 */
public interface NumericReference {
  /** Number of non-missing values. */
  long size();

  /** Whether results are exact (raw values) rather than sketch-based. */
  boolean exact();

  /** The p-quantile, type 7 (linear interpolation between order statistics, numpy's default). */
  double quantile(double p);

  /** Share of values ≤ x. */
  double cdf(double x);

  /** Population standard deviation (divisor n). */
  double std();

  /** Two-sample KS against the current sample. */
  KolmogorovSmirnov.Result ks(double[] sortedCurrent);

  /**
   * First Wasserstein distance to the current sample divided by the reference's standard
   * deviation (by {@link Wasserstein#ZERO_SPREAD_DIVISOR} when that is 0), computed in units of
   * {@link Wasserstein#unit} of the reference so that it is the same at every scale.
   */
  double normedWasserstein(double[] sortedCurrent);

  /** The reference's CDF as a step function (raw values, or the sketch's items and weights). */
  StepCdf steps();

  /**
   * The bound on |F_read − F_exact| over every x: 0 for raw values, the sketch's rank error
   * (99% confidence) once it has compacted.
   */
  double rankError();

  /** {@link #normedWasserstein(double[])} against a current step CDF (a sketch of the current values). */
  double normedWasserstein(StepCdf current);

  /** The distinct values if there are at most {@code limit}, else an empty array. */
  double[] distinctValues(int limit);

  /** The count of each value in {@code values}, which are the column's distinct values. */
  long[] counts(double[] values);
}
