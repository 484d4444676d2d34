package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.Detection;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Backtests on a generated hourly stream of {@code drift.share} with known change points:
 * baseline noise in [0, 0.15), three one-window spikes to 0.45 (no change), abrupt episodes at
 * 0.5 from windows 100 and 250, a gradual one ramping 0.1 -> 0.6 over 20 windows from window 400,
 * and a 2-window blip at 550 that a 3-window policy must miss. Each episode lasts 60 windows
 * (the retrained model's new reference brings the share back down).
 *
 * <p>Reference values, worked out by hand from the generator: with enter 0.3 and N consecutive
 * windows, an abrupt episode first asks in its first window, so it fires N-1 windows later. The
 * ramp at step k is 0.1 + 0.5 k / 20, first at or above 0.3 at k = 8, so it fires at k = 8 + N - 1.
 */
class BacktestTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final int[] SPIKES = {40, 180, 330};
  static final int[] ABRUPT = {100, 250};
  static final int RAMP = 400;
  static final int BLIP = 550;

  static Instant hour(int i) {
    return T0.plus(Duration.ofHours(i));
  }

  static double share(int i, SplittableRandom noise) {
    double base = noise.nextDouble(0, 0.15);
    for (int start : ABRUPT) {
      if (i >= start && i < start + 60) {
        return 0.5;
      }
    }
    if (i >= RAMP && i < RAMP + 60) {
      return Math.min(0.6, 0.1 + 0.5 * (i - RAMP) / 20.0);
    }
    if (i == BLIP || i == BLIP + 1) {
      return 0.5;
    }
    for (int spike : SPIKES) {
      if (i == spike) {
        return 0.45;
      }
    }
    return base;
  }

  static List<RetrainSignals> stream() {
    SplittableRandom noise = new SplittableRandom(42);
    List<RetrainSignals> windows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      windows.add(RetrainSignals.builder(hour(i)).signal("drift.share", share(i, noise)).build());
    }
    return windows;
  }

  static final List<Instant> CHANGES = List.of(hour(100), hour(250), hour(400), hour(550));

  private final DefaultRetraining retraining = new DefaultRetraining(InMemoryObjectStore.create(),
      new SimpleMeterRegistry(), Clock.systemUTC());

  private BacktestReport backtest(int consecutive) {
    return retraining.backtest(RetrainPolicyConfig.builder().name("bt")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2))
        .consecutiveWindows(consecutive).cooldown(Duration.ofHours(12)).build(), stream(), CHANGES);
  }

  @Test
  void threeWindowPolicyDetectsEachRealChangeWithinTheDocumentedDelayAndIgnoresSpikes() {
    BacktestReport report = backtest(3);
    assertEquals(600, report.windows());
    assertEquals(List.of(hour(102), hour(252), hour(410)), report.retrains());
    assertEquals(List.of(Optional.of(Duration.ofHours(2)), Optional.of(Duration.ofHours(2)),
        Optional.of(Duration.ofHours(10)), Optional.<Duration>empty()),
        report.detections().stream().map(Detection::delay).toList());
    assertEquals(0, report.falseAlarms());
    assertEquals(1, report.missed(), "the 2-window blip is shorter than 3 windows");
    // 2 + 2 + 10 hours, plus the missed blip from 550 to the last window at 599
    assertEquals(Duration.ofHours(2 + 2 + 10 + 49), report.timeUnderDrift());
    assertEquals(3, report.retrainCount());
  }

  @Test
  void oneWindowPolicyReactsAtOnceButPaysWithFalseAlarmsOnSpikes() {
    BacktestReport report = backtest(1);
    assertEquals(List.of(Optional.of(Duration.ZERO), Optional.of(Duration.ZERO),
        Optional.of(Duration.ofHours(8)), Optional.of(Duration.ZERO)),
        report.detections().stream().map(Detection::delay).toList());
    assertEquals(SPIKES.length, report.falseAlarms());
    assertEquals(SPIKES.length + 4, report.retrainCount());
    assertEquals(Duration.ofHours(8), report.timeUnderDrift());
  }

  @Test
  void aBacktestRecordsNothingAndRefusesUnsortedInput() {
    backtest(3);
    assertEquals(List.of(), retraining.policies());
    List<RetrainSignals> reversed = new ArrayList<>(stream().subList(0, 3));
    java.util.Collections.reverse(reversed);
    assertThrows(IllegalArgumentException.class, () -> retraining.backtest(
        RetrainPolicyConfig.builder().name("bt").trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.3)).build(),
        reversed, List.of()));
  }
}
