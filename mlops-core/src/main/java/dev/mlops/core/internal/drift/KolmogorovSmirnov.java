package dev.mlops.core.internal.drift;

import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * The two-sample Kolmogorov-Smirnov test. The p-value is exact (the permutation distribution of D
 * given the pooled sample, ties included) when both samples have at most {@link #EXACT_LIMIT}
 * values, and from the Kolmogorov distribution (Hipparchus) above that.
 */
public final class KolmogorovSmirnov {
  /** The largest sample size for which the p-value is exact. */
  public static final int EXACT_LIMIT = 10_000;

  private static final KolmogorovSmirnovTest HIPPARCHUS = new KolmogorovSmirnovTest();

  private KolmogorovSmirnov() {}

  /** The statistic D and its two-sided p-value. */
  public record Result(double statistic, double pValue) {}

  /**
   * Runs the test.
   *
   * @param reference sorted, finite, non-empty
   * @param current sorted, finite, non-empty
   * @return D and the p-value
   */
  public static Result test(double[] reference, double[] current) {
    int n1 = reference.length;
    int n2 = current.length;
    long scaled = scaledStatistic(reference, current);
    double d = (double) scaled / ((double) n1 * n2);
    double p = n1 <= EXACT_LIMIT && n2 <= EXACT_LIMIT
        ? exactPValue(reference, current, scaled)
        : HIPPARCHUS.approximateP(d, n1, n2);
    return new Result(d, Math.min(1, Math.max(0, p)));
  }

  /**
   * Returns D·n1·n2 = max |i·n2 − j·n1| over the ends of tie blocks of the pooled sample, where i
   * and j count the reference and current values up to there. Integer, so the exact p-value can
   * compare lattice points without rounding.
   */
  public static long scaledStatistic(double[] a, double[] b) {
    int i = 0;
    int j = 0;
    long best = 0;
    while (i < a.length || j < b.length) {
      double x = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
      while (i < a.length && a[i] == x) {
        i++;
      }
      while (j < b.length && b[j] == x) {
        j++;
      }
      best = Math.max(best, Math.abs((long) i * b.length - (long) j * a.length));
    }
    return best;
  }

  /**
   * The asymptotic p-value taken at max(0, D − ε) instead of D, for a D read from sketches whose
   * CDFs are within ε (together) of the raw ones: the raw D is at least D − ε, so this p-value is
   * at least the raw one and a decision at threshold α flags samples without drift at a rate of at
   * most α. Sizes above {@link Integer#MAX_VALUE} count as that.
   *
   * @param d the statistic read from the sketches
   * @param epsilon the bound on the error of D
   * @param n1 the reference's size
   * @param n2 the current side's size
   * @return the p-value in [0, 1]
   */
  public static double conservativePValue(double d, double epsilon, long n1, long n2) {
    long m = Math.min(n1, Integer.MAX_VALUE);
    long n = Math.min(n2, Integer.MAX_VALUE);
    double shrunk = Math.max(0, d - epsilon);
    // Below t = 0.2 the Kolmogorov tail is 1 within 1e-12, and Hipparchus's series fails to
    // converge for t just above 0 (a D a hair above ε threw "maximal count exceeded").
    double t = shrunk * Math.sqrt((double) m * n / (m + n));
    double p = t < 0.2 ? 1 : HIPPARCHUS.approximateP(shrunk, (int) m, (int) n);
    return Math.min(1, Math.max(0, p));
  }

  /**
   * P(D ≥ observed) when the pooled values are split at random into samples of sizes n1 and n2.
   * A split is a lattice path from (0,0) to (n1,n2); D is only read where a tie block ends (values
   * within a block cannot be ordered). We push probability along the path, one step choosing the
   * reference with probability (n1−i)/(N−i−j), and collect the mass that first reaches a checked
   * point with |i·n2 − j·n1| ≥ observed. Summing exits, rather than 1 − P(inside), keeps small
   * p-values accurate. O(n1·n2) time, O(n2) memory.
   */
  public static double exactPValue(double[] a, double[] b, long observed) {
    int n1 = a.length;
    int n2 = b.length;
    boolean[] checked = tieBlockEnds(a, b);
    double[] inverseRemaining = new double[n1 + n2 + 1];
    for (int k = 0; k < n1 + n2; k++) {
      inverseRemaining[k] = 1.0 / (n1 + n2 - k);
    }
    double[] p = new double[n2 + 1];
    double exited = 0;
    for (int i = 0; i <= n1; i++) {
      for (int j = 0; j <= n2; j++) {
        double mass;
        if (i == 0 && j == 0) {
          mass = 1;
        } else {
          mass = 0;
          if (i > 0) {
            mass += p[j] * (n1 - i + 1) * inverseRemaining[i - 1 + j];
          }
          if (j > 0) {
            mass += p[j - 1] * (n2 - j + 1) * inverseRemaining[i + j - 1];
          }
          if (checked[i + j] && Math.abs((long) i * n2 - (long) j * n1) >= observed) {
            exited += mass;
            mass = 0;
          }
        }
        p[j] = mass;
      }
    }
    return exited;
  }

  /** checked[k] is true when the k-th pooled value (1-based) is the last of its tie block. */
  private static boolean[] tieBlockEnds(double[] a, double[] b) {
    double[] pooled = new double[a.length + b.length];
    int i = 0;
    int j = 0;
    for (int k = 0; k < pooled.length; k++) {
      pooled[k] = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    }
    boolean[] checked = new boolean[pooled.length + 1];
    for (int k = 1; k <= pooled.length; k++) {
      checked[k] = k == pooled.length || pooled[k - 1] != pooled[k];
    }
    return checked;
  }
}
