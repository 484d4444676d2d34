package dev.mlops.core.internal.drift.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Each detector on seeded synthetic streams with a known change point, against what docs/drift.md
 * ("Detection delay and false alarms") states: figures measured by {@code ChangeDetectorMeasurement}
 * (mlops-benchmarks) on seeds 1-1,000, tested here as rates on other seeds (from 1,001), plus
 * the bounds that are proven (ADWIN's delay, KSWIN's expected false alarms). A single seed's count
 * is not bounded by anything but a proof: issue 17 found EDDM's "at most 20" broken by an unseen seed.
 */
class ChangeDetectorsTest {
  static final int CHANGE = 10_000;
  static final int STATIONARY = 100_000;
  static final long FIRST_SEED = 1_001;

  /** Unseen seeds per detector: 100, and 30 for KSWIN, whose update costs about 100× more. */
  static int seeds(DetectorKind kind) {
    return kind == DetectorKind.KSWIN ? 30 : 100;
  }

  /** Error rate 0.2 then 0.7 (error detectors, ADWIN), or N(0,1) then N(1,1) (KSWIN). */
  static DoubleSupplier changing(DetectorKind kind, long seed) {
    return kind == DetectorKind.KSWIN
        ? DriftingStream.abrupt(DriftingStream.gaussian(0, 1, seed), DriftingStream.gaussian(1, 1, seed + 100), CHANGE)
        : DriftingStream.abrupt(DriftingStream.bernoulli(0.2, seed), DriftingStream.bernoulli(0.7, seed + 100), CHANGE);
  }

  static DoubleSupplier stationary(DetectorKind kind, long seed) {
    return kind == DetectorKind.KSWIN ? DriftingStream.gaussian(0, 1, seed) : DriftingStream.bernoulli(0.2, seed);
  }

  /**
   * The documented 90th percentile of the delay (values after the change until the first DRIFT at
   * or after it), measured on seeds 1-1,000: at least 901 of those 1,000 seeds detected within it.
   */
  static long delayP90(DetectorKind kind) {
    return switch (kind) {
      case ADWIN -> 47;
      case DDM -> 1_544;
      case EDDM -> 734;
      case PAGE_HINKLEY -> 100;
      case HDDM_A -> 126;
      case HDDM_W -> 21;
      case KSWIN -> 41;
    };
  }

  /** The documented mean and standard deviation over seeds of the false alarms in 100,000 values. */
  static double[] falseAlarms(DetectorKind kind) {
    return switch (kind) {
      case ADWIN -> new double[] {0.03, 0.22};
      case DDM -> new double[] {0.44, 0.79};
      case EDDM -> new double[] {6.70, 7.09};
      case PAGE_HINKLEY -> new double[] {4.15, 1.18};
      case HDDM_A -> new double[] {1.01, 1.22};
      case HDDM_W -> new double[] {7.56, 2.31};
      case KSWIN -> new double[] {145.37, 11.45};
    };
  }

  /**
   * ADWIN's guarantee (Theorem 3.1, part 2, with the default split): once |μ0 − μ1| > 2ε_cut for
   * the split at the change, it cuts (with probability at least 1 − δ). With σ² <= 0.25 (values in
   * [0, 1]), n0 = 10,000 and δ' = δ/ln n, find the smallest n1 satisfying it and add the check
   * period (clock = 16).
   */
  static long adwinDelayBound() {
    double delta = 0.002;
    for (long n1 = 1; ; n1++) {
      double n = CHANGE + n1;
      double m = 1 / (1.0 / CHANGE + 1.0 / n1);
      double log = Math.log(2 * Math.log(n) / delta);
      double epsilon = Math.sqrt(2 / m * 0.25 * log) + 2 / (3 * m) * log;
      if (0.5 > 2 * epsilon) {
        return n1 + 16;
      }
    }
  }

  static long delay(DetectorKind kind, long seed) {
    ChangeDetector detector = ChangeDetectors.create(kind, Map.of());
    DoubleSupplier stream = changing(kind, seed);
    for (int i = 0; i < CHANGE + 20_000; i++) {
      if (detector.update(stream.getAsDouble()) == DetectorState.DRIFT && i >= CHANGE) {
        return i - CHANGE;
      }
    }
    throw new AssertionError(kind + " seed " + seed + ": no drift within 20,000 values of the change");
  }

  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void detectsAnAbruptChangeWithinTheDocumentedNinetiethPercentileOnUnseenSeeds(DetectorKind kind) {
    // If each unseen seed detects within the documented p90 with probability >= 0.9, fewer than
    // 0.9·n − 4·sqrt(n·0.9·0.1) of n seeds (78 of 100, 20 of 30) has probability under 1e-4.
    int n = seeds(kind);
    int within = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + n; seed++) {
      long delay = delay(kind, seed);
      within += delay <= delayP90(kind) ? 1 : 0;
      if (kind == DetectorKind.ADWIN) {
        assertTrue(delay <= adwinDelayBound(), "seed " + seed + ": delay " + delay + " > " + adwinDelayBound());
      }
    }
    double least = 0.9 * n - 4 * Math.sqrt(n * 0.09);
    assertTrue(within >= least, kind + ": " + within + " of " + n + " seeds within " + delayP90(kind));
  }

  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void raisesOnAverageAtMostTheDocumentedFalseAlarmsOnUnseenSeeds(DetectorKind kind) {
    // The mean over unseen seeds stays within 4 standard errors of the documented mean.
    double[] documented = falseAlarms(kind);
    int n = seeds(kind);
    long alarms = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + n; seed++) {
      ChangeDetector detector = ChangeDetectors.create(kind, Map.of());
      DoubleSupplier stream = stationary(kind, seed);
      for (int i = 0; i < STATIONARY; i++) {
        alarms += detector.update(stream.getAsDouble()) == DetectorState.DRIFT ? 1 : 0;
      }
    }
    double mean = (double) alarms / n;
    double limit = documented[0] + 4 * documented[1] / Math.sqrt(n);
    assertTrue(mean <= limit, kind + ": mean " + mean + " false alarms per 100,000 > " + limit);
    if (kind == DetectorKind.KSWIN) {
      // Proven: without ties each test rejects with probability <= α = 0.005 (exact p-values, the
      // two samples disjoint and i.i.d.), and there is at most one test per value.
      assertTrue(mean <= 0.005 * STATIONARY, "KSWIN mean " + mean + " > α per test");
    }
  }

  @ParameterizedTest(name = "lambda = {0}: {1} false alarms per 100,000 (sd {2})")
  @CsvSource({"50, 34.55, 4.38", "100, 8.56, 1.89", "200, 1.68, 0.80", "300, 0.35, 0.51"})
  void pageHinkleyRaisesTheDocumentedFalseAlarmRateOnUnitVarianceData(double lambda, double mean, double sd) {
    // docs/drift.md states these rates on N(0, 1), measured on seeds 1-1,000; on 100 unseen seeds
    // the mean stays within 4 standard errors of them, either way.
    long alarms = 0;
    for (long seed = FIRST_SEED; seed < FIRST_SEED + 100; seed++) {
      ChangeDetector detector = ChangeDetectors.create(DetectorKind.PAGE_HINKLEY, Map.of("lambda", lambda));
      DoubleSupplier stream = DriftingStream.gaussian(0, 1, seed);
      for (int i = 0; i < STATIONARY; i++) {
        alarms += detector.update(stream.getAsDouble()) == DetectorState.DRIFT ? 1 : 0;
      }
    }
    assertEquals(mean, alarms / 100.0, 4 * sd / 10, "mean false alarms per 100,000 at lambda " + lambda);
  }

  @ParameterizedTest
  @EnumSource(DetectorKind.class)
  void resetForgetsTheHistoryAndNaNIsIgnored(DetectorKind kind) {
    ChangeDetector a = ChangeDetectors.create(kind, Map.of());
    ChangeDetector b = ChangeDetectors.create(kind, Map.of());
    DoubleSupplier noise = stationary(kind, 9);
    for (int i = 0; i < 5_000; i++) {
      a.update(noise.getAsDouble());
    }
    a.reset();
    assertEquals(DetectorState.STABLE, a.state());
    DoubleSupplier s1 = changing(kind, 4);
    DoubleSupplier s2 = changing(kind, 4);
    for (int i = 0; i < CHANGE + 2_000; i++) {
      double v = s1.getAsDouble();
      s2.getAsDouble();
      assertEquals(b.update(v), a.update(v), kind + " differs after reset at " + i);
      assertEquals(a.state(), a.update(Double.NaN));
    }
  }

  @Test
  void gradualAndRecurringDriftAreDetectedByAdwin() {
    ChangeDetector adwin = ChangeDetectors.create(DetectorKind.ADWIN, Map.of());
    DoubleSupplier gradual = DriftingStream.gradual(DriftingStream.bernoulli(0.2, 1), DriftingStream.bernoulli(0.8, 2),
        CHANGE, 2_000, 3);
    int drifts = 0;
    for (int i = 0; i < CHANGE + 4_000; i++) {
      if (adwin.update(gradual.getAsDouble()) == DetectorState.DRIFT) {
        assertTrue(i >= CHANGE, "drift before the transition at " + i);
        drifts++;
      }
    }
    assertTrue(drifts >= 1);
    adwin.reset();
    DoubleSupplier recurring = DriftingStream.recurring(DriftingStream.bernoulli(0.2, 4), DriftingStream.bernoulli(0.8, 5), 5_000);
    drifts = 0;
    for (int i = 0; i < 20_000; i++) {
      drifts += adwin.update(recurring.getAsDouble()) == DetectorState.DRIFT ? 1 : 0;
    }
    assertTrue(drifts >= 3, "3 changes, " + drifts + " drifts");
  }

  @Test
  void seaConceptChangeRaisesTheErrorOfAFixedClassifierAndDdmSeesIt() {
    // A classifier fixed to concept 0 (x1 + x2 <= 8) is right about 90% of the time (10% noise)
    // until the stream moves to concept 2 (θ = 7), where it errs on the extra band too (error about
    // 0.10 -> 0.16). DDM is slow here: its p_min + 3s_min was fixed early in the context.
    SeaConcepts sea = new SeaConcepts(11, 0.1);
    ChangeDetector ddm = ChangeDetectors.create(DetectorKind.DDM, Map.of());
    double[] row = new double[3];
    long detectedAt = -1;
    for (int i = 0; i < 80_000 && detectedAt < 0; i++) {
      if (i == 20_000) {
        sea.concept(2);
      }
      boolean label = sea.next(row);
      boolean predicted = row[0] + row[1] <= 8;
      if (ddm.update(predicted == label ? 0 : 1) == DetectorState.DRIFT && i >= 20_000) {
        detectedAt = i;
      }
    }
    assertTrue(detectedAt >= 20_000, "DDM missed the SEA concept change");
  }

  @Test
  void rotatingHyperplaneIsStationaryAtMagnitudeZero() {
    RotatingHyperplane still = new RotatingHyperplane(3, 5, 0, 0);
    double[] row = new double[5];
    int positives = 0;
    for (int i = 0; i < 10_000; i++) {
      positives += still.next(row) ? 1 : 0;
    }
    assertTrue(positives > 4_000 && positives < 6_000, "about half above the hyperplane: " + positives);
  }

  @Test
  void unknownParametersAndOutOfRangeValuesAreClearErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChangeDetectors.create(DetectorKind.ADWIN, Map.of("dleta", 0.1)));
    assertTrue(e.getMessage().contains("'dleta'") && e.getMessage().contains("delta"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ChangeDetectors.create(DetectorKind.ADWIN, Map.of("delta", 2.0)));
    ChangeDetector ddm = ChangeDetectors.create(DetectorKind.DDM, Map.of());
    e = assertThrows(IllegalArgumentException.class, () -> ddm.update(3.5));
    assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    assertEquals(DetectorKind.PAGE_HINKLEY, DetectorKind.fromCliName("page-hinkley"));
    assertThrows(IllegalArgumentException.class, () -> DetectorKind.fromCliName("cusum"));
  }
}
