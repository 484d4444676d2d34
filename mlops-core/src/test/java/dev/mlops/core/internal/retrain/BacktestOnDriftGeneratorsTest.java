package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.Comparison;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftDetector;
import dev.mlops.api.drift.DriftMethod;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.Detection;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.drift.stream.DriftingStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * End to end: the DriftDetector issue's generator ({@link DriftingStream#recurring}) produces a
 * feature that shifts from N(0, 1) to N(1, 1) every 10 windows of 200 values; each window is
 * compared with a 500-value reference by the real detector (KS); the report feeds the policy
 * through {@link RetrainSignals.Builder#drift}.
 *
 * <p>Reference values: the KS statistic D between N(0,1) and N(1,1) is
 * Φ(0.5) − Φ(−0.5) = 0.383; under no change, the 0.999 quantile of D for samples of 200 and 500 is
 * about 1.95 · sqrt((200 + 500) / (200 · 500)) = 0.163 (Smirnov's asymptotic bound). So a trigger
 * at D ≥ 0.25 (exit 0.15) fires in the first window of each shifted episode (delay 0) and never
 * in between.
 */
class BacktestOnDriftGeneratorsTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final int WINDOW = 200;

  @Test
  void policyOnRealDriftReportsDetectsEachShiftedEpisodeAtOnceWithoutFalseAlarms() {
    DoubleSupplier stream = DriftingStream.recurring(DriftingStream.gaussian(0, 1, 1),
        DriftingStream.gaussian(1, 1, 2), 10L * WINDOW);
    DoubleSupplier reference = DriftingStream.gaussian(0, 1, 3);
    double[] ref = new double[500];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = reference.getAsDouble();
    }
    List<RetrainSignals> windows = new ArrayList<>();
    try (MlOps mlops = MlOps.open(URI.create("mem:retrain-backtest-drift-" + System.nanoTime()))) {
      DriftDetector detector = mlops.drift();
      Sample referenceSample = Sample.builder().numeric("x", ref).build();
      DriftConfig ks = DriftConfig.builder().method(DriftMethod.KS).build();
      for (int w = 0; w < 60; w++) {
        double[] current = new double[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
          current[i] = stream.getAsDouble();
        }
        windows.add(RetrainSignals.builder(T0.plus(Duration.ofHours(w)))
            .drift(detector.compare(referenceSample, Sample.builder().numeric("x", current).build(), ks))
            .build());
      }
      RetrainPolicyConfig policy = RetrainPolicyConfig.builder().name("ks")
          .trigger(new Trigger("drift.x", Comparison.AT_LEAST, 0.25, 0.15))
          .cooldown(Duration.ofHours(2)).build();
      List<Instant> onsets = List.of(T0.plusSeconds(3600 * 10), T0.plusSeconds(3600 * 30),
          T0.plusSeconds(3600 * 50));
      BacktestReport report = mlops.retraining().backtest(policy, windows, onsets);
      assertEquals(onsets, report.retrains());
      assertEquals(List.of(Optional.of(Duration.ZERO), Optional.of(Duration.ZERO), Optional.of(Duration.ZERO)),
          report.detections().stream().map(Detection::delay).toList());
      assertEquals(0, report.falseAlarms());
      assertEquals(Duration.ZERO, report.timeUnderDrift());
    }
  }
}
