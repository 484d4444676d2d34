package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnDrift;
import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole-sample comparisons through MlOps.drift(): method choice, decisions and bad input. */
class DriftComparisonTest {
  private final MlOps mlops = MlOps.open(URI.create("mem:drift-" + UUID.randomUUID()));
  private final DriftDetector drift = mlops.drift();

  @AfterEach
  void close() {
    mlops.close();
  }

  static double[] gaussian(int n, double shift, long seed) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = random.nextGaussian() + shift;
    }
    return values;
  }

  static String[] categories(int n, double shareOfA, long seed) {
    Random random = new Random(seed);
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      double u = random.nextDouble();
      values[i] = u < shareOfA ? "a" : u < shareOfA + (1 - shareOfA) / 2 ? "b" : "c";
    }
    return values;
  }

  @Test
  void autoPicksTestsForSmallReferencesAndReportsTheChoice() {
    Sample ref = Sample.builder().numeric("x", gaussian(500, 0, 1)).numeric("few", new double[] {1, 2, 3, 1, 2})
        .categorical("c", categories(500, 0.3, 2)).categorical("bin", new String[] {"y", "n", "y"}).build();
    Sample cur = Sample.builder().numeric("x", gaussian(500, 0, 3)).numeric("few", new double[] {1, 2, 3, 3})
        .categorical("c", categories(500, 0.3, 4)).categorical("bin", new String[] {"n", "n", "y"}).build();
    DriftReport report = drift.compare(ref, cur, DriftConfig.ofDefaults());
    assertEquals(DriftMethod.KS, report.column("x").orElseThrow().method());
    assertEquals(DriftMethod.CHISQUARE, report.column("few").orElseThrow().method());
    assertEquals(ColumnType.CATEGORICAL, report.column("few").orElseThrow().type());
    assertEquals(DriftMethod.CHISQUARE, report.column("c").orElseThrow().method());
    assertEquals(DriftMethod.ZTEST, report.column("bin").orElseThrow().method());
    assertEquals(List.of("x", "few", "c", "bin"), report.columns().stream().map(ColumnDrift::column).toList());
  }

  @Test
  void autoPicksDistancesForLargeReferences() {
    Sample ref = Sample.builder().numeric("x", gaussian(5_000, 0, 1)).categorical("c", categories(5_000, 0.3, 2)).build();
    Sample cur = Sample.builder().numeric("x", gaussian(100, 0, 3)).categorical("c", categories(100, 0.3, 4)).build();
    DriftReport report = drift.compare(ref, cur, DriftConfig.ofDefaults());
    assertEquals(DriftMethod.WASSERSTEIN, report.column("x").orElseThrow().method());
    assertEquals(DriftMethod.JS, report.column("c").orElseThrow().method());
  }

  @Test
  void identicalSamplesNeverDriftUnderAnyMethod() {
    double[] x = gaussian(2_000, 0, 5);
    for (DriftMethod method : List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER,
        DriftMethod.WASSERSTEIN)) {
      Sample s = Sample.builder().numeric("x", x).build();
      ColumnDrift r = drift.compare(s, s, DriftConfig.builder().method(method).build()).columns().get(0);
      assertFalse(r.drifted(), method + ": " + r);
      assertEquals(method.isTest() ? 1.0 : 0.0, method.isTest() ? r.pValue().getAsDouble() : r.statistic(), 1e-9);
    }
  }

  @Test
  void aClearShiftAlwaysDriftsUnderEveryMethod() {
    Sample ref = Sample.builder().numeric("x", gaussian(2_000, 0, 6)).build();
    Sample cur = Sample.builder().numeric("x", gaussian(2_000, 1.5, 7)).build();
    for (DriftMethod method : List.of(DriftMethod.KS, DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER,
        DriftMethod.WASSERSTEIN)) {
      DriftReport report = drift.compare(ref, cur, DriftConfig.builder().method(method).build());
      assertTrue(report.columns().get(0).drifted(), method + ": " + report.columns().get(0));
      assertTrue(report.datasetDrift());
      assertEquals(1.0, report.driftedShare());
    }
    Sample catRef = Sample.builder().categorical("c", categories(2_000, 0.2, 8)).build();
    Sample catCur = Sample.builder().categorical("c", categories(2_000, 0.6, 9)).build();
    for (DriftMethod method : List.of(DriftMethod.CHISQUARE, DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER)) {
      assertTrue(drift.compare(catRef, catCur, DriftConfig.builder().method(method).build()).datasetDrift(), method.name());
    }
  }

  @Test
  void psiOnNumericColumnUsesReferenceDecilesWithOpenEnds() {
    // Reference 1..10: deciles 1.9, 2.8, ..., 9.1 (numpy default), one value per bin; the current
    // values 0 and 100 fall in the open first and last bins: PSI = 6.808228348909806 (python, see
    // BatchMethodsTest).
    Sample ref = Sample.builder().numeric("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).build();
    Sample cur = Sample.builder().numeric("x", new double[] {0, 0, 0, 0, 0, 100, 100, 100, 100, 100}).build();
    ColumnDrift r = drift.compare(ref, cur, DriftConfig.builder().method(DriftMethod.PSI).build()).columns().get(0);
    assertEquals(6.808228348909806, r.statistic(), 1e-12);
    assertEquals(10, r.histogram().bins().size());
    assertEquals("(-inf, 1.90000]", r.histogram().bins().get(0));
    assertEquals(0.5, r.histogram().current().get(9), 0);
  }

  @Test
  void thresholdsAreOverridablePerColumnAndDatasetShareIsConfigurable() {
    Sample ref = Sample.builder().numeric("x", gaussian(2_000, 0, 1)).numeric("y", gaussian(2_000, 0, 2)).build();
    Sample cur = Sample.builder().numeric("x", gaussian(2_000, 0.3, 3)).numeric("y", gaussian(2_000, 0, 4)).build();
    DriftConfig config = DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build();
    DriftReport plain = drift.compare(ref, cur, config);
    assertTrue(plain.column("x").orElseThrow().drifted());
    assertEquals(0.5, plain.driftedShare());
    assertTrue(plain.datasetDrift());
    assertFalse(drift.compare(ref, cur, config.toBuilder().datasetDriftShare(0.6).build()).datasetDrift());
    DriftReport lenient = drift.compare(ref, cur,
        config.toBuilder().column("x", DriftMethod.WASSERSTEIN, 5.0).build());
    assertFalse(lenient.column("x").orElseThrow().drifted());
    assertEquals(5.0, lenient.column("x").orElseThrow().threshold());
  }

  @Test
  void missingValuesAreDroppedAndCounted() {
    Sample ref = Sample.builder().numeric("x", new double[] {1, Double.NaN, 2, 3, 4, 5, 6}).build();
    Sample cur = Sample.builder().numeric("x", new double[] {1, 2, 3, 4, 5, 6, Double.NaN, Double.NaN}).build();
    ColumnDrift r = drift.compare(ref, cur, DriftConfig.ofDefaults()).columns().get(0);
    assertEquals(6, r.referenceSize());
    assertEquals(6, r.currentSize());
    assertTrue(r.exact());
  }

  @Test
  void constantColumnsCompareWithoutError() {
    Sample ref = Sample.builder().numeric("x", new double[] {2, 2, 2, 2}).build();
    Sample cur = Sample.builder().numeric("x", new double[] {2, 2, 2}).build();
    assertFalse(drift.compare(ref, cur, DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build()).datasetDrift());
    Sample moved = Sample.builder().numeric("x", new double[] {3, 3, 3}).build();
    ColumnDrift r = drift.compare(ref, moved, DriftConfig.builder().method(DriftMethod.WASSERSTEIN).build()).columns().get(0);
    assertEquals(1 / 0.001, r.statistic(), 1e-9); // W1 = 1 over a zero spread: divided by 0.001
  }

  @Test
  void badInputGivesAClearErrorNamingTheColumn() {
    Sample ok = Sample.builder().numeric("x", new double[] {1, 2}).build();
    assertMessage("'x' has no values in the reference", () -> drift.compare(
        Sample.builder().numeric("x", new double[] {Double.NaN}).build(), ok, DriftConfig.ofDefaults()));
    assertMessage("'x' has no values in the current", () -> drift.compare(
        ok, Sample.builder().numeric("x", new double[0]).build(), DriftConfig.ofDefaults()));
    assertMessage("'x' is numeric in the reference but categorical", () -> drift.compare(
        ok, Sample.builder().categorical("x", new String[] {"a"}).build(), DriftConfig.ofDefaults()));
    assertMessage("'y' is in the current sample but not in the reference", () -> drift.compare(
        ok, Sample.builder().numeric("x", new double[] {1}).numeric("y", new double[] {1}).build(),
        DriftConfig.ofDefaults()));
    assertMessage("'x' is missing from the current", () -> drift.compare(
        ok, Sample.builder().numeric("z", new double[] {1}).build(), DriftConfig.builder().columns(List.of("x")).build()));
    assertMessage("'x' has an infinite value", () -> drift.compare(
        ok, Sample.builder().numeric("x", new double[] {Double.POSITIVE_INFINITY}).build(), DriftConfig.ofDefaults()));
    Sample cat = Sample.builder().categorical("c", new String[] {"a", "b", "c"}).build();
    assertMessage("'c' is categorical; ks needs numbers", () -> drift.compare(
        cat, cat, DriftConfig.builder().method(DriftMethod.KS).build()));
    assertMessage("ztest needs a binary column", () -> drift.compare(
        cat, cat, DriftConfig.builder().method(DriftMethod.ZTEST).build()));
  }

  private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void columnsKeepTheCallersOrder() {
    Sample s = Sample.builder().numeric("b", gaussian(10, 0, 1)).numeric("a", gaussian(10, 0, 1)).build();
    assertEquals(List.of("b", "a"), Arrays.asList(s.columns().toArray(new String[0])));
  }
}
