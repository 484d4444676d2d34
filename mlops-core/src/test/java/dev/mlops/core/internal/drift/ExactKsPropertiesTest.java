package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The exact KS p-value equals the permutation p-value found by brute force, ties included. */
class ExactKsPropertiesTest {
  @Property(tries = 200)
  void exactPValueEqualsBruteForcePermutationPValue(
      @ForAll @Size(min = 1, max = 7) int[] a, @ForAll @Size(min = 1, max = 7) int[] b,
      @ForAll @IntRange(min = 1, max = 4) int spread) {
    double[] x = values(a, spread);
    double[] y = values(b, spread);
    KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(x, y);
    // Independent computation: enumerate every split of the pooled values into sizes |x| and |y|
    // (bit masks) and count the splits whose D is at least the observed one.
    double[] pooled = new double[x.length + y.length];
    System.arraycopy(x, 0, pooled, 0, x.length);
    System.arraycopy(y, 0, pooled, x.length, y.length);
    long atLeast = 0;
    long all = 0;
    for (int mask = 0; mask < 1 << pooled.length; mask++) {
      if (Integer.bitCount(mask) != x.length) {
        continue;
      }
      double[] first = new double[x.length];
      double[] second = new double[y.length];
      int i = 0;
      int j = 0;
      for (int k = 0; k < pooled.length; k++) {
        if ((mask & (1 << k)) != 0) {
          first[i++] = pooled[k];
        } else {
          second[j++] = pooled[k];
        }
      }
      all++;
      if (bruteForceD(first, second) >= r.statistic() - 1e-12) {
        atLeast++;
      }
    }
    assertEquals((double) atLeast / all, r.pValue(), 1e-12);
  }

  private static double[] values(int[] raw, int spread) {
    double[] values = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      values[i] = Math.floorMod(raw[i], spread + 2); // few distinct values: many ties
    }
    Arrays.sort(values);
    return values;
  }

  /** sup |F − G| by evaluating both ECDFs at every pooled value (definition, no merging tricks). */
  private static double bruteForceD(double[] a, double[] b) {
    double best = 0;
    for (double[] side : new double[][] {a, b}) {
      for (double x : side) {
        double fa = Arrays.stream(a).filter(v -> v <= x).count() / (double) a.length;
        double fb = Arrays.stream(b).filter(v -> v <= x).count() / (double) b.length;
        best = Math.max(best, Math.abs(fa - fb));
      }
    }
    return best;
  }
}
