package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The normed Wasserstein distance does not depend on the data's scale (issue 17, fault 4: N(0,1)·s
 * against N(0.5,1)·s gave 0 at s = 1e155, lost digits at 1e-160 and 2.7e-298 at 1e-300).
 */
class WassersteinScaleTest {
  private static final int N = 2_000;
  private static final MathContext DIGITS = new MathContext(40);

  /** N(0, 1)·s and N(0.5, 1)·s, seed 17, as doubles (each product rounded once). */
  private static double[][] samples(double s) {
    Random random = new Random(17);
    double[] a = new double[N];
    double[] b = new double[N];
    for (int i = 0; i < N; i++) {
      a[i] = random.nextGaussian() * s;
      b[i] = (random.nextGaussian() + 0.5) * s;
    }
    return new double[][] {a, b};
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 1e155, 1e-160, 1e-300})
  void normedDistanceEqualsTheExactValueOfTheSameDoubles(double s) {
    double[][] ab = samples(s);
    double expected = exactNormedDistance(ab[0], ab[1]).doubleValue();
    Sample reference = Sample.builder().numeric("x", ab[0]).build();
    Sample current = Sample.builder().numeric("x", ab[1]).build();
    ColumnDrift result = BatchComparison.compare(BatchComparison.exact(reference), current,
        DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build(), Runnable::run).columns().get(0);
    assertEquals(expected, result.statistic(), 1e-13 * expected, "s = " + s);
    assertEquals(true, result.drifted(), "a shift of half a standard deviation drifts at every scale");
  }

  @Test
  void exactReferenceAgreesWithScipyAtUnitScale() {
    // scipy.stats.wasserstein_distance(a, b) / numpy.std(a) on these 2,000 + 2,000 values gives
    // 0.5127266287515682 (run when this test was written, on the values printed by the same
    // generator); exact rational arithmetic (Python's fractions) gives 0.51272662875156830438...
    double[][] ab = samples(1);
    assertEquals(0.5127266287515683, exactNormedDistance(ab[0], ab[1]).doubleValue(), 2e-16);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e155, 1e-300})
  void profilesKeepTheStandardDeviationAndTheDistanceAtExtremeScales(double s) {
    double[][] ab = samples(s);
    Sample reference = Sample.builder().numeric("x", ab[0]).build();
    Sample current = Sample.builder().numeric("x", ab[1]).build();
    // Stored and read back: at these scales the profile is written in format version 2.
    SketchProfile profile = SketchProfile.read(SketchProfile.of(reference, 200).toBytes());
    double std = Wasserstein.std(ab[0]);
    assertEquals(std, profile.numeric("x").std(), 1e-13 * std);
    ColumnDrift result = BatchComparison.compare(profile, current,
        DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build(), Runnable::run).columns().get(0);
    // The documented bound: W1 from the sketch is within ε·(max − min) of the exact W1.
    double[] sorted = ab[0].clone();
    Arrays.sort(sorted);
    double bound = profile.rankError() * (sorted[N - 1] / s - sorted[0] / s) / (std / s);
    assertEquals(exactNormedDistance(ab[0], ab[1]).doubleValue(), result.statistic(), bound);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1, 1e155, 1e-160, 1e-300})
  void mergedProfilesKeepTheStandardDeviationAtExtremeScales(double s) {
    // Two halves profiled apart (as shards in two processes) and merged: Chan et al.'s formula
    // adds the two sums of squares and the between-means term in one unit.
    double[] a = samples(s)[0];
    Sample first = Sample.builder().numeric("x", Arrays.copyOf(a, N / 2)).build();
    Sample second = Sample.builder().numeric("x", Arrays.copyOfRange(a, N / 2, N)).build();
    ReferenceProfile merged = SketchProfile.of(first, 200).merge(SketchProfile.of(second, 200));
    double std = Wasserstein.std(a);
    assertEquals(std, ((SketchProfile) merged).numeric("x").std(), 1e-13 * std);
  }

  @Test
  void profilesOfEveryScaleAreWrittenInFormatVersionThree() {
    // Versions 1 and 2 held DataSketches sketches, which no build reads any more, so the version-1
    // fallback for ordinary data is gone: every profile is version 3, with the scaled sum.
    for (double s : new double[] {1, 1e100, 1e155, 1e-160}) {
      assertEquals(3, ByteBuffer.wrap(profileBytes(s)).getInt(4));
    }
  }

  private static byte[] profileBytes(double s) {
    return SketchProfile.of(Sample.builder().numeric("x", samples(s)[0]).build(), 200).toBytes();
  }

  /**
   * The reference: with equal sample sizes W1 = (1/n) Σ |a_(i) − b_(i)| over the order statistics
   * (a formula independent of the code's CDF sweep), and the population standard deviation, both
   * in exact decimal arithmetic on the doubles' exact values; the square root to 40 digits.
   */
  static BigDecimal exactNormedDistance(double[] a, double[] b) {
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    BigDecimal n = BigDecimal.valueOf(x.length);
    BigDecimal w = BigDecimal.ZERO;
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < x.length; i++) {
      w = w.add(new BigDecimal(x[i]).subtract(new BigDecimal(y[i])).abs());
      sum = sum.add(new BigDecimal(x[i]));
    }
    // Σ (x − m)² = Σ x² − (Σ x)²/n, exact until the one division, carried to far more digits than needed.
    BigDecimal squares = BigDecimal.ZERO;
    for (double v : x) {
      squares = squares.add(new BigDecimal(v).pow(2));
    }
    MathContext wide = new MathContext(60 + Math.max(0, squares.precision()));
    BigDecimal variance = squares.subtract(sum.pow(2).divide(n, wide)).divide(n, wide);
    return w.divide(n, wide).divide(variance.sqrt(wide), DIGITS);
  }
}
