package dev.mlops.core.internal.drift;

/**
 * The first Wasserstein distance between two empirical distributions, scaled by the reference's
 * spread.
 *
 * <p>The normed distance does not depend on the data's scale, and is computed so: the distance and
 * the standard deviation are both taken in units of a power of two near the reference's largest
 * magnitude ({@link #unit}), where neither overflows nor underflows. In raw units the squared
 * deviations overflow above about 1e154 (the distance came out 0) and go subnormal below about
 * 1e-154 (digits lost, then a standard deviation of 0). Multiplying by a power of two is exact, so
 * the result is the same, bit for bit, for data multiplied by any power of two.
 */
public final class Wasserstein {
  /** The divisor used when the reference's standard deviation is 0. */
  public static final double ZERO_SPREAD_DIVISOR = 0.001;

  private Wasserstein() {}

  /**
   * The unit of the computation for a reference whose values lie in [min, max]: the binary
   * exponent of its largest magnitude (0 when every value is 0).
   *
   * @param min the smallest reference value
   * @param max the largest reference value
   * @return e such that the reference's values divided by 2^e are below 2 in magnitude
   */
  public static int unit(double min, double max) {
    double largest = Math.max(Math.abs(min), Math.abs(max));
    return largest == 0 ? 0 : Math.getExponent(largest);
  }

  /**
   * W1 = ∫ |F_ref(x) − F_cur(x)| dx over the two empirical CDFs, in raw units.
   *
   * @param a sorted, finite, non-empty
   * @param b sorted, finite, non-empty
   * @return the distance
   */
  public static double distance(double[] a, double[] b) {
    return distance(a, b, 0);
  }

  /**
   * W1 in units of 2^{@code unit}.
   *
   * @param a sorted, finite, non-empty
   * @param b sorted, finite, non-empty
   * @param unit the binary exponent of the unit
   * @return the distance divided by 2^unit
   */
  public static double distance(double[] a, double[] b, int unit) {
    double perUnit = Math.scalb(1.0, -unit);
    int i = 0;
    int j = 0;
    double area = 0;
    double previous = Math.min(a[0], b[0]) * perUnit;
    while (i < a.length || j < b.length) {
      double x = i < a.length && (j >= b.length || a[i] <= b[j]) ? a[i] : b[j];
      double scaled = x * perUnit;
      // On [previous, x) both CDFs are constant at i/|a| and j/|b|.
      area += Math.abs((double) i / a.length - (double) j / b.length) * (scaled - previous);
      while (i < a.length && a[i] == x) {
        i++;
      }
      while (j < b.length && b[j] == x) {
        j++;
      }
      previous = scaled;
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
    return normed(distance, referenceStd, 0);
  }

  /**
   * The normed distance from W1 and the standard deviation, both in units of 2^{@code unit}. Only
   * the fallback divisor {@value #ZERO_SPREAD_DIVISOR} (for a reference without spread) is in raw
   * units, so that case alone depends on the scale.
   *
   * @param distance W1 in units
   * @param referenceStd the reference's standard deviation in units
   * @param unit the binary exponent of the unit
   * @return the normed distance
   */
  public static double normed(double distance, double referenceStd, int unit) {
    return referenceStd == 0 ? Math.scalb(distance / ZERO_SPREAD_DIVISOR, unit) : distance / referenceStd;
  }

  /**
   * The population standard deviation (divisor n), two-pass for accuracy, computed in units of
   * the values' largest magnitude so that it neither overflows nor underflows.
   *
   * @param values non-empty, finite
   * @return the standard deviation
   */
  public static double std(double[] values) {
    double min = 0;
    double max = 0;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    int unit = unit(min, max);
    return Math.scalb(std(values, unit), unit);
  }

  /**
   * The population standard deviation in units of 2^{@code unit}.
   *
   * @param values non-empty, finite
   * @param unit the binary exponent of the unit
   * @return the standard deviation divided by 2^unit
   */
  public static double std(double[] values, int unit) {
    double perUnit = Math.scalb(1.0, -unit);
    double mean = 0;
    for (double v : values) {
      mean += v * perUnit;
    }
    mean /= values.length;
    double squares = 0;
    for (double v : values) {
      double deviation = v * perUnit - mean;
      squares += deviation * deviation;
    }
    return Math.sqrt(squares / values.length);
  }
}
