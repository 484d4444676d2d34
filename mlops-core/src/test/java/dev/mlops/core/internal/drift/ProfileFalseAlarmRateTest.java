package dev.mlops.core.internal.drift;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Sample;
import dev.mlops.core.internal.drift.profile.SketchProfile;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rates, not single seeds: over {@value #WINDOWS} seeded trials without a shift (each a new
 * reference, its profile and a new current window from the same distribution), KS against a
 * profile rejects at most α + 2 standard errors of the windows (issue 17, fault 2), and the
 * distances flag no more windows against a profile than against the raw reference, within 2
 * standard errors. References of 10,000 values and small windows keep the class at a few seconds.
 */
class ProfileFalseAlarmRateTest {
  private static final int WINDOWS = 200;
  private static final double ALPHA = 0.05;
  /** α + 2 standard errors of a rate over 200 windows: 0.05 + 2·sqrt(0.05·0.95/200) = 0.0808. */
  private static final double LIMIT = ALPHA + 2 * Math.sqrt(ALPHA * (1 - ALPHA) / WINDOWS);
  private static final int REFERENCE_SIZE = 10_000;

  @Test
  void ksAgainstACoarseSketchRejectsAtMostAlphaOfWindowsWithoutShift() {
    // k = 50 (ε = 0.044) and 1,000 current values (critical D 0.045): before the p-value took
    // the sketch's rank error into account, nearly every window was flagged.
    double rate = profileRates(50, 1_000, 0, 0, WINDOWS, DriftMethod.KS)[0];
    assertTrue(rate <= LIMIT, rate + " > " + LIMIT);
  }

  @Test
  void ksAgainstASketchOfTiedValuesRejectsAtMostAlphaOfWindowsWithoutShift() {
    // Values rounded to one decimal: blocks of equal values up to 4% of the data; D read
    // part-way through a block flagged every window before.
    double rate = profileRates(200, 5_000, 0.1, 0, WINDOWS, DriftMethod.KS)[0];
    assertTrue(rate <= LIMIT, rate + " > " + LIMIT);
  }

  @Test
  void ksAgainstASketchStillDetectsAShiftOfAThirdOfASigma() {
    // D ≈ 0.3·φ(0) = 0.12, above the critical D (0.045) plus twice the rank error (0.022).
    double rate = profileRates(200, 1_000, 0, 0.3, 50, DriftMethod.KS)[0];
    assertTrue(rate >= 0.95, "detected in " + rate);
  }

  @Test
  void distancesAgainstASketchFlagNoMoreWindowsThanAgainstTheRawReference() {
    // 100 current values: sampling noise alone brings every distance near its 0.1 threshold, so
    // the raw rates are far from 0 and a sketch that added false alarms would show. The bound is
    // 2 standard errors of the difference of two rates.
    DriftMethod[] methods = {DriftMethod.PSI, DriftMethod.JS, DriftMethod.HELLINGER, DriftMethod.WASSERSTEIN};
    double[] rates = rates(200, 100, 0, 0, WINDOWS, true, methods);
    for (int m = 0; m < methods.length; m++) {
      double raw = rates[2 * m];
      double profile = rates[2 * m + 1];
      double p = Math.max(raw, 1.0 / WINDOWS);
      assertTrue(profile <= raw + 2 * Math.sqrt(2 * p * (1 - p) / WINDOWS),
          methods[m] + ": raw " + raw + ", profile " + profile);
    }
  }

  private static double[] profileRates(int k, int window, double rounding, double shift, int windows,
      DriftMethod method) {
    return new double[] {rates(k, window, rounding, shift, windows, false, method)[1]};
  }

  /**
   * Shares of windows flagged, per method: against the raw reference (when {@code withRaw}) and
   * against its profile, at even and odd indexes.
   */
  private static double[] rates(int k, int window, double rounding, double shift, int windows, boolean withRaw,
      DriftMethod... methods) {
    double[] rates = new double[2 * methods.length];
    for (int t = 0; t < windows; t++) {
      Random random = new Random(t);
      double[] reference = draw(random, REFERENCE_SIZE, rounding, 0);
      double[] current = draw(random, window, rounding, shift);
      Arrays.sort(current);
      NumericReference profile = SketchProfile.of(Sample.builder().numeric("x", reference).build(), k).numeric("x");
      Arrays.sort(reference);
      NumericReference raw = new ExactNumeric(reference);
      for (int m = 0; m < methods.length; m++) {
        DriftConfig config = DriftConfig.builder().method(methods[m]).build();
        if (withRaw) {
          rates[2 * m] += ColumnComparator.numeric("x", raw, current, config).drifted() ? 1.0 / windows : 0;
        }
        rates[2 * m + 1] += ColumnComparator.numeric("x", profile, current, config).drifted() ? 1.0 / windows : 0;
      }
    }
    return rates;
  }

  private static double[] draw(Random random, int n, double rounding, double shift) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double v = random.nextGaussian() + shift;
      values[i] = rounding > 0 ? Math.round(v / rounding) * rounding : v;
    }
    return values;
  }
}
