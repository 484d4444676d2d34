package dev.mlops.core.internal.drift;

/** The first Wasserstein distance between two empirical distributions, scaled by the reference's spread. */
public final class Wasserstein {
  /** The divisor used when the reference's standard deviation is 0. */
  public static final double ZERO_SPREAD_DIVISOR = 0.001;

  private Wasserstein() {}

  /**
   * W1 = ∫ |F_ref(x) − F_cur(x)| dx over the two empirical CDFs.
   *
   * @param a sorted, finite, non-empty
   * @param b sorted, finite, non-empty
   * @return the distance
   */
  public static double distance(double[] a, double[] b) {
    int i = 0;
    int j = 0;
    double area = 0;
    double previous = Math.min(a[0], b[0]);
    while (i < a.length || j < b.length) {
      double x = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
      // On [previous, x) both CDFs are constant at i/|a| and j/|b|.
      area += Math.abs((double) i / a.length - (double) j / b.length) * (x - previous);
      while (i < a.length && a[i] == x) {
        i++;
      }
      while (j < b.length && b[j] == x) {
        j++;
      }
      previous = x;
    }
    return area;
  }

  /**
   * W1 divided by the reference's population standard deviation (divisor n), or by
   * {@value #ZERO_SPREAD_DIVISOR} when that is 0.
   *
   * @param distance W1
   * @param referenceStd the reference's standard deviation
   * @return the normed distance
   */
  public static double normed(double distance, double referenceStd) {
    return distance / (referenceStd == 0 ? ZERO_SPREAD_DIVISOR : referenceStd);
  }

  /**
   * The population standard deviation (divisor n), two-pass for accuracy.
   *
   * @param values non-empty
   * @return the standard deviation
   */
  public static double std(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= values.length;
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / values.length);
  }
}
