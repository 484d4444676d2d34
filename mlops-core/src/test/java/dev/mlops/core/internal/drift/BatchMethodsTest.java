package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/** Each batch method against reference values computed independently; each test names its source. */
class BatchMethodsTest {
  @Test
  void ksOnSeparatedSamplesHasTheHandCountedExactPValue() {
    // By hand: D = 1, and of the C(6,3) = 20 equally likely splits only {1,2,3}|{4,5,6} and its
    // mirror reach D = 1, so p = 2/20 = 0.1 (scipy.stats.ks_2samp(method='exact') gives the same).
    KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
    assertEquals(1.0, r.statistic(), 0);
    assertEquals(0.1, r.pValue(), 1e-15);
  }

  @Test
  void ksExactPValueMatchesHipparchusExactDistributionWithoutTies() {
    // Reference: Hipparchus KolmogorovSmirnovTest.exactP(d, n, m, strict=false), an independent
    // implementation (it enumerates differently) of P(D >= d) for samples without ties.
    java.util.Random random = new java.util.Random(7);
    double[] a = new double[40];
    double[] b = new double[30];
    for (int i = 0; i < a.length; i++) {
      a[i] = random.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = random.nextGaussian() + 0.6;
    }
    java.util.Arrays.sort(a);
    java.util.Arrays.sort(b);
    KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
    double expected = new KolmogorovSmirnovTest().exactP(r.statistic(), a.length, b.length, false);
    assertEquals(expected, r.pValue(), 1e-9);
  }

  @Test
  void ksAboveTheExactLimitUsesTheKolmogorovDistribution() {
    // Reference: the Kolmogorov limit, 1 - K(d·sqrt(nm/(n+m))) with K from Hipparchus ksSum.
    int n = 20_000;
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
      b[i] = i + 200.5; // by hand: D = F_a(200) - F_b(200) = 201/20000 = 0.01005
    }
    KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(a, b);
    assertEquals(0.01005, r.statistic(), 1e-12);
    double t = 0.01005 * Math.sqrt(n * (double) n / (2.0 * n));
    assertEquals(1 - new KolmogorovSmirnovTest().ksSum(t, 1e-20, 100_000), r.pValue(), 1e-9);
  }

  @Test
  void chiSquareOnATwoByThreeTableMatchesTheClosedForm() {
    // By hand: expected counts 15/20/25 in both rows, χ² = 2·(25/15 + 25/25) = 16/3; with 2 degrees
    // of freedom the upper tail is exp(-χ²/2) = 0.06948345122280151 (python math.exp).
    CategoricalTests.Result r = CategoricalTests.chiSquare(new long[] {10, 20, 30}, new long[] {20, 20, 20});
    assertEquals(16.0 / 3, r.statistic(), 1e-12);
    assertEquals(0.06948345122280151, r.pValue(), 1e-12);
  }

  @Test
  void chiSquareWithFourDegreesOfFreedomMatchesTheClosedForm() {
    // By hand (python): χ² = 18.0 on the 2 × 5 table; for 4 df the upper tail is
    // exp(-x/2)·(1 + x/2) = 0.0012340980408667955.
    CategoricalTests.Result r = CategoricalTests.chiSquare(new long[] {5, 10, 15, 20, 50}, new long[] {10, 10, 10, 10, 10});
    assertEquals(18.0, r.statistic(), 1e-9);
    assertEquals(0.0012340980408667955, r.pValue(), 1e-12);
  }

  @Test
  void categorySeenInOneSampleOnlyCounts() {
    // By hand: table [[10, 0], [5, 5]], N = 20, expected [[7.5, 2.5], [7.5, 2.5]],
    // χ² = 2·(2.5²/7.5 + 2.5²/2.5) = 6.666..., 1 df.
    CategoricalTests.Result r = CategoricalTests.chiSquare(new long[] {10, 0}, new long[] {5, 5});
    assertEquals(20.0 / 3, r.statistic(), 1e-12);
  }

  @Test
  void twoProportionZTestMatchesHandComputation() {
    // By hand (python math.erfc): p_ref = 0.3, p_cur = 0.5, pooled 0.4,
    // z = 0.2/sqrt(0.4·0.6·0.02) = 2.886751345948129, p = erfc(|z|/√2) = 0.003892417122778627.
    CategoricalTests.Result r = CategoricalTests.zTest(30, 100, 50, 100);
    assertEquals(2.886751345948129, r.statistic(), 1e-12);
    assertEquals(0.003892417122778627, r.pValue(), 1e-12);
  }

  @Test
  void psiReplacesEmptySharesAndMatchesHandComputation() {
    // By hand (python): reference 0.1 in each of 10 bins; current 0.5 in the first and last, 0
    // (→ 0.0001) elsewhere: 2·0.4·ln 5 + 8·(0.0001 − 0.1)·ln(0.001) = 6.808228348909806.
    double[] ref = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    double[] cur = {0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5};
    assertEquals(6.808228348909806, BinnedDistances.psi(ref, cur), 1e-12);
  }

  @Test
  void jensenShannonDistanceMatchesScipyDocumentation() {
    // scipy.spatial.distance.jensenshannon docs: jensenshannon([1.0, 0.0], [0.5, 0.5]) = 0.46450140402245893
    assertEquals(0.46450140402245893, BinnedDistances.jensenShannon(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-15);
    // and jensenshannon([1,0,0],[0,1,0], base 2) = 1.0, i.e. sqrt(ln 2) in natural log.
    assertEquals(Math.sqrt(Math.log(2)), BinnedDistances.jensenShannon(new double[] {1, 0, 0}, new double[] {0, 1, 0}), 1e-15);
  }

  @Test
  void hellingerMatchesHandComputation() {
    // By hand: sqrt(1 − (sqrt(1·0.5) + 0)) = 0.5411961001461969; disjoint supports give 1.
    assertEquals(0.5411961001461969, BinnedDistances.hellinger(new double[] {1, 0}, new double[] {0.5, 0.5}), 1e-15);
    assertEquals(1.0, BinnedDistances.hellinger(new double[] {1, 0}, new double[] {0, 1}), 1e-15);
  }

  @Test
  void wassersteinMatchesScipyDocumentationAndIsNormedByTheReferenceStd() {
    // scipy.stats.wasserstein_distance docs: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5.0.
    double w = Wasserstein.distance(new double[] {0, 1, 3}, new double[] {5, 6, 8});
    assertEquals(5.0, w, 1e-12);
    // python statistics.pstdev([0, 1, 3]) = 1.247219128924647; 5 / that = 4.0089186286863665.
    assertEquals(4.0089186286863665, Wasserstein.normed(w, Wasserstein.std(new double[] {0, 1, 3})), 1e-12);
    assertEquals(5.0 / 0.001, Wasserstein.normed(5.0, 0), 1e-9);
  }

  @Test
  void typeSevenDecilesMatchNumpyDefault() {
    // numpy.quantile(range(1, 11), 0.1) = 1.9 and 0.9 → 9.1 (linear interpolation, h = (n − 1)p).
    double[] values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(1.9, ExactNumeric.quantileOfSorted(values, 0.1), 1e-12);
    assertEquals(5.5, ExactNumeric.quantileOfSorted(values, 0.5), 1e-12);
    assertEquals(9.1, ExactNumeric.quantileOfSorted(values, 0.9), 1e-12);
  }
}
