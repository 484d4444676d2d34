package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** −0.0 and 0.0 are one value in every method, from raw data and from profiles (issue 17, fault 3). */
class SignedZeroTest {
  private static final double[] COLUMN = {-0.0, 0.0, 1.0};

  private static ColumnDrift compare(BatchComparison.Reference reference, double[] current, DriftConfig config) {
    Sample sample = Sample.builder().numeric("x", current).build();
    return BatchComparison.compare(reference, sample, config, Runnable::run).columns().get(0);
  }

  private static BatchComparison.Reference exact(double[] values) {
    return BatchComparison.exact(Sample.builder().numeric("x", values).build());
  }

  @Test
  void chiSquareOfAColumnWithBothZerosAgainstItselfIsZeroWithPOne() {
    // The reproduction (before: χ² = 1.333, p = 0.513 from three categories 0, 0, 1).
    // Reference by hand: the table is [[2, 1], [2, 1]], every observed count equals its expected
    // count, so χ² = 0 and p = 1 (scipy.stats.chi2_contingency([[2, 1], [2, 1]], correction=False)
    // gives 0.0 and 1.0).
    DriftConfig config = DriftConfig.builder().method(DriftMethod.CHISQUARE).build();
    for (BatchComparison.Reference reference : List.of(exact(COLUMN), profile(COLUMN))) {
      ColumnDrift result = compare(reference, COLUMN, config);
      assertEquals(0.0, result.statistic(), 0);
      assertEquals(1.0, result.pValue().orElseThrow(), 0);
      assertEquals(List.of("0", "1"), result.histogram().bins());
    }
  }

  @Test
  void autoSeesTwoCategoriesLabelledZeroAndOne() {
    // Before: labels 0, 0, 1 and chisquare. Two categories make auto pick the z-test; by hand
    // both shares of "0" are 2/3, so z = 0 and p = 1.
    for (BatchComparison.Reference reference : List.of(exact(COLUMN), profile(COLUMN))) {
      ColumnDrift result = compare(reference, new double[] {0.0, -0.0, 1.0}, DriftConfig.ofDefaults());
      assertEquals(DriftMethod.ZTEST, result.method());
      assertEquals(List.of("0", "1"), result.histogram().bins());
      assertEquals(List.of(2.0 / 3, 1.0 / 3), result.histogram().current());
      assertEquals(0.0, result.statistic(), 0);
      assertEquals(1.0, result.pValue().orElseThrow(), 0);
    }
  }

  @Test
  void numericMethodsGiveTheSameResultWhicheverZeroTheDataHolds() {
    // By hand: the samples differ only in the sign of their zeros, so every CDF, share and
    // distance is that of identical samples: D = 0 (scipy.stats.ks_2samp([-0.0, 0.0, 1.0],
    // [0.0, 0.0, 1.0]) gives 0.0, p 1.0), PSI = JS = Hellinger = W1 = 0.
    double[] negative = {-0.0, -0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    double[] positive = {0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0};
    for (DriftMethod method : List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER,
        DriftMethod.WASSERSTEIN)) {
      DriftConfig config = DriftConfig.builder().method(method).build();
      for (BatchComparison.Reference reference : List.of(exact(negative), profile(negative))) {
        ColumnDrift result = compare(reference, positive, config);
        assertEquals(0.0, result.statistic(), 0, method.name());
        assertEquals(compare(reference, negative, config), result, method.name());
      }
    }
  }

  private static BatchComparison.Reference profile(double[] values) {
    return SketchProfile.of(Sample.builder().numeric("x", values).build(), 200);
  }
}
