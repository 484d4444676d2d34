package dev.mlops.core.internal.drift;

import org.hipparchus.special.Erf;
import org.hipparchus.special.Gamma;

/** Tests on category counts: Pearson's chi-square of homogeneity and the two-proportion z-test. */
public final class CategoricalTests {
  private CategoricalTests() {}

  /** A statistic and its p-value. */
  public record Result(double statistic, double pValue) {}

  /**
   * Pearson's chi-square test of homogeneity on the 2 × k table whose rows are the two samples'
   * counts; no continuity correction; k − 1 degrees of freedom. A category seen in one sample only
   * is a column of the table like any other.
   *
   * @param reference counts per category, non-negative, summing to more than 0
   * @param current counts of the same categories, summing to more than 0
   * @return χ² and P(χ²_{k−1} ≥ χ²); with one category, 0 and 1
   */
  public static Result chiSquare(long[] reference, long[] current) {
    int k = reference.length;
    double n1 = sum(reference);
    double n2 = sum(current);
    double total = n1 + n2;
    double statistic = 0;
    int categories = 0;
    for (int c = 0; c < k; c++) {
      double column = reference[c] + current[c];
      if (column == 0) {
        continue;
      }
      categories++;
      double expected1 = n1 * column / total;
      double expected2 = n2 * column / total;
      statistic += square(reference[c] - expected1) / expected1 + square(current[c] - expected2) / expected2;
    }
    if (categories < 2) {
      return new Result(0, 1);
    }
    // Upper tail of the chi-square distribution: Q(df/2, x/2), accurate for tiny p-values.
    double p = Gamma.regularizedGammaQ((categories - 1) / 2.0, statistic / 2);
    return new Result(statistic, p);
  }

  /**
   * The two-proportion z-test, two-sided, with the pooled proportion: z = (p_cur − p_ref) /
   * sqrt(p(1 − p)(1/n_ref + 1/n_cur)).
   *
   * @param referenceHits reference values equal to the first category
   * @param referenceSize reference values, more than 0
   * @param currentHits current values equal to the first category
   * @param currentSize current values, more than 0
   * @return z and 2·(1 − Φ(|z|)); when every value is in one category, 0 and 1
   */
  public static Result zTest(long referenceHits, long referenceSize, long currentHits, long currentSize) {
    double p1 = (double) referenceHits / referenceSize;
    double p2 = (double) currentHits / currentSize;
    double pooled = (double) (referenceHits + currentHits) / (referenceSize + currentSize);
    double variance = pooled * (1 - pooled) * (1.0 / referenceSize + 1.0 / currentSize);
    if (variance == 0) {
      return new Result(0, 1);
    }
    double z = (p2 - p1) / Math.sqrt(variance);
    return new Result(z, Erf.erfc(Math.abs(z) / Math.sqrt(2)));
  }

  private static double sum(long[] counts) {
    double s = 0;
    for (long c : counts) {
      s += c;
    }
    return s;
  }

  private static double square(double x) {
    return x * x;
  }
}
