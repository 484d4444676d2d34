package dev.mlops.core.internal.validation;

import org.hipparchus.special.Erf;

/**
 * The bias-corrected and accelerated (BCa) bootstrap interval, Efron (1987), "Better bootstrap
 * confidence intervals", JASA 82; in the form of Efron and Tibshirani, "An Introduction to the
 * Bootstrap" (1993), §14.3: with z₀ = Φ⁻¹(share of resampled values below the estimate, ties
 * counting half, as scipy's {@code bootstrap}) and the acceleration
 * a = Σ d_i³ / (6 (Σ d_i²)^{3/2}), d_i = mean of the jackknife values − jackknife value i, the bounds
 * are the percentiles α₁ = Φ(z₀ + (z₀ + z_{α/2}) / (1 − a(z₀ + z_{α/2}))) and α₂ the same with
 * z_{1−α/2}.
 */
final class Bca {
  private Bca() {}

  /**
   * Returns the two percentile levels (α₁, α₂), or {@code null} when the bias correction is
   * undefined (every resampled value on one side of the estimate, or the estimate undefined).
   *
   * @param sorted the finite resampled values, ascending, not empty
   * @param estimate the metric on the full sample
   * @param jackknife the metric with each row (or group of rows) left out; NaN values are skipped
   * @param confidence the level, in (0, 1)
   * @return {α₁, α₂} or {@code null}
   */
  static double @org.jspecify.annotations.Nullable [] levels(double[] sorted, double estimate, double[] jackknife,
      double confidence) {
    if (!Double.isFinite(estimate)) {
      return null;
    }
    double below = 0;
    for (double v : sorted) {
      below += v < estimate ? 1 : v == estimate ? 0.5 : 0;
    }
    double share = below / sorted.length;
    if (share <= 0 || share >= 1) {
      return null;
    }
    double z0 = inverseNormal(share);
    double a = acceleration(jackknife);
    double zLow = inverseNormal((1 - confidence) / 2);
    double low = adjusted(z0, a, zLow);
    double high = adjusted(z0, a, -zLow);
    if (!(low <= high)) {
      return null; // NaN, or an acceleration so large that the map is no longer monotone
    }
    return new double[] {low, high};
  }

  /** The acceleration from jackknife values: the skewness of their deviations over 6. */
  static double acceleration(double[] jackknife) {
    double sum = 0;
    int n = 0;
    for (double v : jackknife) {
      if (Double.isFinite(v)) {
        sum += v;
        n++;
      }
    }
    double mean = sum / n;
    double squares = 0;
    double cubes = 0;
    for (double v : jackknife) {
      if (Double.isFinite(v)) {
        double d = mean - v;
        squares += d * d;
        cubes += d * d * d;
      }
    }
    // All jackknife values equal (a constant metric): no skewness to correct.
    return squares == 0 ? 0 : cubes / (6 * Math.pow(squares, 1.5));
  }

  private static double adjusted(double z0, double a, double z) {
    double denominator = 1 - a * (z0 + z);
    return denominator <= 0 ? Double.NaN : normal(z0 + (z0 + z) / denominator);
  }

  static double normal(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  static double inverseNormal(double p) {
    return -Math.sqrt(2) * Erf.erfcInv(2 * p);
  }
}
