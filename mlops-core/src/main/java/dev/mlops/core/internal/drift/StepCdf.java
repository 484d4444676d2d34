package dev.mlops.core.internal.drift;

/**
 * A CDF that is a step function: ascending points (repeats allowed) with the share of values at
 * or below each. Raw sorted values are one (each point a value, share (i + 1)/n); a quantile
 * sketch is another (its items and cumulative weights). Two of them are compared by sweeping
 * their points together, reading each CDF only where a block of equal points ends, as the raw
 * ECDFs are read: a share read part-way through tied points is one no x gives.
 */
public interface StepCdf {
  /** How many points. */
  int points();

  /** The i-th point, ascending. */
  double point(int i);

  /** The share of values at or below {@code point(i)}, for the last i of a block of equal points. */
  double share(int i);

  /**
   * The two-sample Kolmogorov-Smirnov distance: sup over x of |F_a(x) − F_b(x)|, read at every
   * point of both (a step function's sup is reached at one of its jumps).
   *
   * @param a a non-empty step CDF
   * @param b another
   * @return D in [0, 1]
   */
  static double ksDistance(StepCdf a, StepCdf b) {
    int na = a.points();
    int nb = b.points();
    int i = 0;
    int j = 0;
    double fa = 0;
    double fb = 0;
    double d = 0;
    while (i < na || j < nb) {
      double x = j >= nb || (i < na && a.point(i) <= b.point(j)) ? a.point(i) : b.point(j);
      while (i < na && a.point(i) == x) {
        i++;
      }
      while (j < nb && b.point(j) == x) {
        j++;
      }
      fa = i == 0 ? 0 : a.share(i - 1);
      fb = j == 0 ? 0 : b.share(j - 1);
      d = Math.max(d, Math.abs(fa - fb));
    }
    return d;
  }

  /**
   * The first Wasserstein distance ∫ |F_a(x) − F_b(x)| dx, in units of 2^{@code unit} (see
   * {@link Wasserstein#unit}).
   *
   * @param a a non-empty step CDF
   * @param b another
   * @param unit the binary exponent of the unit
   * @return W1 divided by 2^unit
   */
  static double wasserstein(StepCdf a, StepCdf b, int unit) {
    double perUnit = Math.scalb(1.0, -unit);
    int na = a.points();
    int nb = b.points();
    int i = 0;
    int j = 0;
    double fa = 0;
    double fb = 0;
    double previous = Math.min(a.point(0), b.point(0)) * perUnit;
    double area = 0;
    while (i < na || j < nb) {
      double x = j >= nb || (i < na && a.point(i) <= b.point(j)) ? a.point(i) : b.point(j);
      double scaled = x * perUnit;
      // On [previous, x) both CDFs are constant.
      area += Math.abs(fa - fb) * (scaled - previous);
      while (i < na && a.point(i) == x) {
        i++;
      }
      while (j < nb && b.point(j) == x) {
        j++;
      }
      fa = i == 0 ? 0 : a.share(i - 1);
      fb = j == 0 ? 0 : b.share(j - 1);
      previous = scaled;
    }
    return area;
  }

  /**
   * Raw sorted values as a step CDF.
   *
   * @param sorted sorted, finite, non-empty; not copied
   * @return the ECDF
   */
  static StepCdf of(double[] sorted) {
    return new StepCdf() {
      @Override
      public int points() {
        return sorted.length;
      }

      @Override
      public double point(int i) {
        return sorted[i];
      }

      @Override
      public double share(int i) {
        return (double) (i + 1) / sorted.length;
      }
    };
  }
}
