package dev.mlops.server.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.drift.ColumnType;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.DriftRecord;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The drift chart's normalisation: for every method, 1 is the column's threshold and above it is
 * drifted, with the decision the detector makes (tests: {@code p < threshold}; distances:
 * {@code statistic >= threshold}).
 */
class DriftAgainstThresholdTest {
  /** A result of the method with the detector's verdict for these numbers. */
  private static DriftRecord.Column result(DriftMethod method, double statistic, double p, double threshold) {
    boolean drifted = method.isTest() ? p < threshold : statistic >= threshold;
    return new DriftRecord.Column("c", ColumnType.NUMERIC, method, statistic,
        method.isTest() ? OptionalDouble.of(p) : OptionalDouble.empty(), threshold, drifted, 100);
  }

  private static double ratio(DriftRecord.Column result) {
    return DriftPages.againstThreshold(result).orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(DriftMethod.class)
  void atTheThresholdIsOneAndTheSideOfOneIsTheVerdict(DriftMethod method) {
    double threshold = method.defaultThreshold();
    // A chi-square statistic in the hundreds with its p at the threshold sits on 1 like a PSI at 0.1.
    DriftRecord.Column at = method.isTest() ? result(method, 312.5, threshold, threshold)
        : result(method, threshold, Double.NaN, threshold);
    assertEquals(1.0, ratio(at), 0.0);
    assertEquals(!method.isTest(), at.drifted(), "at the threshold a distance drifts, a test does not");

    DriftRecord.Column far = method.isTest() ? result(method, 0.5, threshold / 4, threshold)
        : result(method, threshold * 4, Double.NaN, threshold);
    assertEquals(4.0, ratio(far), 1e-12);
    assertTrue(far.drifted());

    DriftRecord.Column near = method.isTest() ? result(method, 0.1, threshold * 2, threshold)
        : result(method, threshold / 2, Double.NaN, threshold);
    assertEquals(0.5, ratio(near), 1e-12);
    assertTrue(!near.drifted());
  }

  @Test
  void theDrawnPointStaysOnTheAxisWhileTheExactMultipleIsKept() {
    DriftRecord.Column tiny = result(DriftMethod.CHISQUARE, 198.5, 8.8e-43, 0.05);
    assertEquals(1.0, ratio(tiny) / (0.05 / 8.8e-43), 1e-12, "the legend's multiple is exact");
    assertEquals(DriftPages.HIGHEST, DriftPages.plotted(tiny));
    DriftRecord.Column zeroP = result(DriftMethod.KS, 0.9, 0, 0.05);
    assertEquals(Double.POSITIVE_INFINITY, ratio(zeroP));
    assertEquals(DriftPages.HIGHEST, DriftPages.plotted(zeroP));
    DriftRecord.Column identical = result(DriftMethod.PSI, 0, Double.NaN, 0.1);
    assertEquals(0.0, ratio(identical));
    assertEquals(DriftPages.LOWEST, DriftPages.plotted(identical));
  }

  @Test
  void aThresholdOfZeroPutsThePointAtTheEdgeOfItsVerdict() {
    // A distance with threshold 0 always drifts (statistic >= 0); a test with threshold 0 never does (p < 0).
    assertEquals(DriftPages.HIGHEST, DriftPages.plotted(result(DriftMethod.JS, 0, Double.NaN, 0)));
    assertEquals(DriftPages.LOWEST, DriftPages.plotted(result(DriftMethod.ZTEST, 3, 0.01, 0)));
  }

  @Test
  void noNumberIsAGap() {
    assertNull(DriftPages.plotted(result(DriftMethod.HELLINGER, Double.NaN, Double.NaN, 0.1)));
    assertNull(DriftPages.plotted(result(DriftMethod.KS, 0.2, Double.NaN, 0.05)));
    assertNull(DriftPages.plotted(new DriftRecord.Column("c", ColumnType.NUMERIC, DriftMethod.KS, 0.2,
        OptionalDouble.empty(), 0.05, false, 10)));
  }
}
