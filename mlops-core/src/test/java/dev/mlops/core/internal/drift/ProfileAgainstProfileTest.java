package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.ReferenceProfile;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A current profile compared with a reference profile ({@link DriftDetector#compare(ReferenceProfile,
 * ReferenceProfile, DriftConfig)}): within the two sketches' rank errors of the raw statistics, and
 * the same report as a raw current sample while the current sketch holds every value.
 */
class ProfileAgainstProfileTest {
  private static final List<DriftMethod> NUMERIC_METHODS = List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS,
      DriftMethod.HELLINGER, DriftMethod.WASSERSTEIN);

  private static MlOps scratch() {
    return MlOps.builder().uri(URI.create("mem:profile-against-profile")).closeOnJvmExit(false).build();
  }

  /**
   * 100 seeds, a reference of 20,000 and a current side of 5,000 values (both sketches compacted at
   * k = 200), shifts from 0 to 0.2σ: D and W1 read from the two sketches against the raw values'
   * D and W1 computed here by a plain count over the pooled values (not the SDK's code). Each sketch's CDF is
   * within its ε of the raw one everywhere (99% confidence each), so D is within ε₁ + ε₂ and W1
   * within (ε₁ + ε₂)·(max − min). Seeded: a rerun gives the same sketches.
   */
  @Test
  void ksAndWassersteinFromTwoSketchesAreWithinTheSumOfTheirRankErrors() {
    try (MlOps mlops = scratch()) {
      DriftDetector drift = mlops.drift();
      double worstKs = 0;
      double worstW = 0;
      for (int seed = 0; seed < 100; seed++) {
        double[] ref = gaussian(20_000, 0, 1_000 + seed);
        double[] cur = gaussian(5_000, 0.002 * seed, 5_000 + seed);
        ReferenceProfile refProfile = drift.profile(Sample.builder().numeric("x", ref).build());
        ReferenceProfile curProfile = drift.profile(Sample.builder().numeric("x", cur).build());
        double bound = refProfile.rankError() + curProfile.rankError();
        assertEquals(0.022, bound, 1e-12, "k = 200 on both sides: ε = 2.2/200 each");

        DriftReport ks = drift.compare(refProfile, curProfile, DriftConfig.builder().method(DriftMethod.KS).build());
        double exactD = rawKs(ref, cur);
        double errorD = Math.abs(ks.columns().get(0).statistic() - exactD);
        assertTrue(errorD <= bound, "seed " + seed + ": D " + ks.columns().get(0).statistic() + " vs raw " + exactD);
        worstKs = Math.max(worstKs, errorD);

        DriftReport w = drift.compare(refProfile, curProfile,
            DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build());
        double sigma = rawStd(ref);
        double exactW = rawW1(ref, cur) / sigma;
        double range = Math.max(max(ref), max(cur)) - Math.min(min(ref), min(cur));
        double errorW = Math.abs(w.columns().get(0).statistic() - exactW);
        assertTrue(errorW <= bound * range / sigma, "seed " + seed + ": W " + w.columns().get(0).statistic()
            + " vs raw " + exactW);
        worstW = Math.max(worstW, errorW);
        assertFalse(ks.columns().get(0).exact());
      }
      // The measured errors are far inside the bounds (figures in docs/drift.md).
      System.out.printf("profile vs profile, 100 seeds: largest |D - raw D| = %.4f, |W - raw W| = %.4f%n",
          worstKs, worstW);
    }
  }

  /**
   * The binned distances read the current side's shares of the reference's bins from its sketch:
   * each within 2ε of the shares of the raw current values in the same bins (the report against a
   * raw sample, same reference profile, same edges).
   */
  @Test
  void binSharesFromTheCurrentSketchAreWithinTwiceItsRankError() {
    try (MlOps mlops = scratch()) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile reference = drift.profile(Sample.builder().numeric("x", gaussian(20_000, 0, 7)).build());
      Sample current = Sample.builder().numeric("x", gaussian(5_000, 0.3, 8)).build();
      ReferenceProfile currentProfile = drift.profile(current);
      for (DriftMethod method : List.of(DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER)) {
        DriftConfig config = DriftConfig.builder().method(method).build();
        ColumnDrift raw = drift.compare(reference, current, config).columns().get(0);
        ColumnDrift sketched = drift.compare(reference, currentProfile, config).columns().get(0);
        assertEquals(raw.histogram().bins(), sketched.histogram().bins(), "same edges: the reference's");
        assertEquals(raw.histogram().reference(), sketched.histogram().reference());
        for (int bin = 0; bin < raw.histogram().current().size(); bin++) {
          double error = Math.abs(raw.histogram().current().get(bin) - sketched.histogram().current().get(bin));
          assertTrue(error <= 2 * currentProfile.rankError(), method + " bin " + bin + ": " + error);
        }
        assertEquals(raw.drifted(), sketched.drifted(), method + ": 0.3σ is far from every threshold");
      }
    }
  }

  /**
   * Up to k values the current sketch holds every value, so the report is the one against the raw
   * current sample, for every method: numeric ones, categorical ones and the auto choice.
   */
  @Test
  void aCurrentProfileHoldingEveryValueGivesTheRawCurrentReport() {
    try (MlOps mlops = scratch()) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile reference = drift.profile(ReferenceProfileTest.sample(20_000, 0, 11));
      Sample current = ReferenceProfileTest.sample(150, 0.5, 12); // 150 ≤ k = 200: nothing compacted
      ReferenceProfile currentProfile = drift.profile(current);
      for (DriftMethod method : NUMERIC_METHODS) {
        DriftConfig config = DriftConfig.builder().column("x", method, method.defaultThreshold())
            .columns(List.of("x")).build();
        assertEquals(drift.compare(reference, current, config), drift.compare(reference, currentProfile, config),
            method.toString());
      }
      DriftConfig categorical = DriftConfig.builder().column("c", DriftMethod.CHISQUARE, 0.05)
          .column("flag", DriftMethod.ZTEST, 0.05).build();
      assertEquals(drift.compare(reference, current, categorical),
          drift.compare(reference, currentProfile, categorical));
      DriftReport auto = drift.compare(reference, currentProfile, DriftConfig.ofDefaults());
      assertEquals(drift.compare(reference, current, DriftConfig.ofDefaults()), auto);
      for (ColumnDrift column : auto.columns()) {
        // As against a raw sample: categories counted exactly on both sides are exact; numeric columns
        // are not, even "flag" (0/1, compared as categories), whose reference side is a numeric sketch.
        assertEquals(column.column().equals("c"), column.exact(), column.toString());
      }
    }
  }

  /** Past 768 categories the current side's counts are estimates, and the result says so. */
  @Test
  void aCurrentProfileWithTooManyCategoriesIsNotExact() {
    try (MlOps mlops = scratch()) {
      DriftDetector drift = mlops.drift();
      String[] few = new String[1_000];
      String[] many = new String[1_000];
      for (int i = 0; i < few.length; i++) {
        few[i] = "c" + (i % 10);
        many[i] = "c" + i;
      }
      ReferenceProfile reference = drift.profile(Sample.builder().categorical("c", few).build());
      DriftConfig config = DriftConfig.builder().method(DriftMethod.JS).build();
      assertTrue(drift.compare(reference, reference, config).columns().get(0).exact());
      assertFalse(drift.compare(reference, drift.profile(Sample.builder().categorical("c", many).build()), config)
          .columns().get(0).exact());
    }
  }

  @Test
  void aColumnMissingFromTheCurrentProfileIsAClearError() {
    try (MlOps mlops = scratch()) {
      DriftDetector drift = mlops.drift();
      ReferenceProfile reference = drift.profile(ReferenceProfileTest.sample(500, 0, 1));
      ReferenceProfile current = drift.profile(Sample.builder().numeric("x", gaussian(500, 0, 2)).build());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> drift.compare(reference, current, DriftConfig.ofDefaults()));
      assertTrue(e.getMessage().contains("is missing from the current profile; compare a subset with"
          + " DriftConfig.builder().columns(...)"), e.getMessage());
      assertEquals(1, drift.compare(reference, current, DriftConfig.builder().columns(List.of("x")).build())
          .columns().size());
    }
  }

  static double[] gaussian(int n, double shift, long seed) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian() + shift;
    }
    return values;
  }

  /** sup |F_a − F_b| over every pooled value, counting with a linear scan of each sorted sample. */
  private static double rawKs(double[] a, double[] b) {
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    double[] pooled = new double[sa.length + sb.length];
    System.arraycopy(sa, 0, pooled, 0, sa.length);
    System.arraycopy(sb, 0, pooled, sa.length, sb.length);
    Arrays.sort(pooled);
    int i = 0;
    int j = 0;
    double d = 0;
    for (double x : pooled) {
      while (i < sa.length && sa[i] <= x) {
        i++;
      }
      while (j < sb.length && sb[j] <= x) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / sa.length - (double) j / sb.length));
    }
    return d;
  }

  /** ∫ |F_a − F_b| dx: between consecutive pooled values both CDFs are constant. */
  private static double rawW1(double[] a, double[] b) {
    double[] sa = a.clone();
    double[] sb = b.clone();
    Arrays.sort(sa);
    Arrays.sort(sb);
    double[] pooled = new double[sa.length + sb.length];
    System.arraycopy(sa, 0, pooled, 0, sa.length);
    System.arraycopy(sb, 0, pooled, sa.length, sb.length);
    Arrays.sort(pooled);
    int i = 0;
    int j = 0;
    double area = 0;
    for (int k = 0; k + 1 < pooled.length; k++) {
      while (i < sa.length && sa[i] <= pooled[k]) {
        i++;
      }
      while (j < sb.length && sb[j] <= pooled[k]) {
        j++;
      }
      area += Math.abs((double) i / sa.length - (double) j / sb.length) * (pooled[k + 1] - pooled[k]);
    }
    return area;
  }

  private static double rawStd(double[] values) {
    double mean = Arrays.stream(values).average().orElseThrow();
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElseThrow();
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }
}
