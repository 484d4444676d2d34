package dev.mlops.core.internal.drift.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorKind;
import dev.mlops.api.drift.DetectorState;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * ADWIN's confidence split (issue 17): on the issue's error-rate steps after 10,000 values, the
 * default split δ' = δ/ln n detects on average no later than the reference implementation (MOA
 * 2024.07) did in the issue's comparison, and the rigorous split δ' = δ/n stays available and
 * slower. The false-alarm side (10M stationary values) is measured by
 * {@code AdwinMeasurement} in mlops-benchmarks, see docs/drift.md.
 */
class AdwinTest {
  static final int CHANGE = 10_000;
  static final int SEEDS = 100;

  /** Delay of the first DRIFT after the step, on the stream of {@code AdwinMeasurement}. */
  static long delay(double before, double after, long seed, boolean rigorous) {
    ChangeDetector adwin = ChangeDetectors.create(DetectorKind.ADWIN, Map.of("rigorous", rigorous ? 1.0 : 0.0));
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < CHANGE + 20_000; i++) {
      double p = i < CHANGE ? before : after;
      DetectorState state = adwin.update(random.nextDouble() < p ? 1 : 0);
      if (state == DetectorState.DRIFT) {
        assertTrue(i >= CHANGE, "false alarm before the step at " + i + ", seed " + seed);
        return i - CHANGE;
      }
    }
    throw new AssertionError("no drift within 20,000 values, seed " + seed);
  }

  @ParameterizedTest(name = "{0} -> {1}: mean delay <= {2} (MOA, issue 17)")
  @CsvSource({"0.2, 0.3, 468", "0.2, 0.4, 164", "0.2, 0.7, 47"})
  void detectsTheIssueStepsOnAverageNoLaterThanTheReferenceImplementation(double before, double after,
      double moaMeanDelay) {
    // The issue's figures: MOA 468 / 164 / 47 against ours 813 / 266 / 76 with δ/n and clock 32.
    // Measured with AdwinMeasurement over seeds 1-200: 421.5 / 137.6 / 39.1.
    double sum = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      sum += delay(before, after, seed, false);
    }
    assertTrue(sum / SEEDS <= moaMeanDelay, "mean delay " + sum / SEEDS + " > " + moaMeanDelay);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0.15, 0.35", "0.2, 0.3", "0.2, 0.4", "0.2, 0.7"})
  void theRigorousSplitIsNeverFasterAndOnAverageAtLeastHalfAgainAsSlow(double before, double after) {
    // The same stream with a larger ε_cut at every split cuts no earlier (nothing was cut before the
    // step). The issue's 0.15 -> 0.35 figures (ours 175, MOA 79) are single runs, both at a check
    // point; over seeds 1-200 the default's mean is 122.6 and the rigorous split's 212.2
    // (AdwinMeasurement), a ratio of 1.73; measured 1.64-1.90 over the four steps.
    double fast = 0;
    double slow = 0;
    for (long seed = 1; seed <= SEEDS; seed++) {
      long d = delay(before, after, seed, false);
      long r = delay(before, after, seed, true);
      assertTrue(d <= r, "seed " + seed + ": default " + d + " after rigorous " + r);
      fast += d;
      slow += r;
    }
    assertTrue(slow >= 1.5 * fast, "rigorous mean " + slow / SEEDS + ", default " + fast / SEEDS);
  }

  @Test
  void rigorousTakesZeroOrOne() {
    assertEquals(0.0, ChangeDetectors.defaults(DetectorKind.ADWIN).get("rigorous"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChangeDetectors.create(DetectorKind.ADWIN, Map.of("rigorous", 0.5)));
    assertTrue(e.getMessage().contains("'rigorous' must be 0 or 1"), e.getMessage());
  }
}
