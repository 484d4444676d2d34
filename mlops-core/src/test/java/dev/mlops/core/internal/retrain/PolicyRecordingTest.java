package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.Suppression;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.testing.TestClock;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every evaluation is recorded with its evidence, on disk, queryable by time, and metered. */
class PolicyRecordingTest {
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final Duration DAY = Duration.ofDays(1);

  @TempDir Path dir;

  private final RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("churn")
      .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2))
      .trigger(Trigger.when("metric.auc", Comparison.BELOW, 0.8))
      .cooldown(Duration.ZERO).minNewLabelledRows(100).build();

  private static RetrainSignals window(int day, double share, double auc, long rows) {
    return RetrainSignals.builder(T0.plus(DAY.multipliedBy(day))).signal("drift.share", share)
        .signal("metric.auc", auc).newLabelledRows(rows).build();
  }

  @Test
  void whyDidWeRetrainOnTheThirdIsAQueryOverTheRecordedEvidence() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      RetrainPolicy policy = new DefaultRetraining(store, meters, TestClock.at(T0)).policy(config);
      policy.evaluate(window(1, 0.1, 0.9, 500));
      policy.evaluate(window(2, 0.4, 0.9, 50));   // asks, but too little new data
      policy.evaluate(window(3, 0.4, 0.9, 500));  // fires
      policy.evaluate(window(4, 0.25, 0.9, 500)); // held by hysteresis
    }
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      Retraining again = new DefaultRetraining(store, new SimpleMeterRegistry(), TestClock.at(T0));
      List<RetrainDecision> third = again.decisions("churn", T0.plus(DAY.multipliedBy(3)),
          T0.plus(DAY.multipliedBy(4)));
      assertEquals(1, third.size());
      RetrainDecision d = third.get(0);
      assertTrue(d.fired());
      assertEquals(3, d.seq());
      assertEquals(0.4, d.evidence().get(0).value());
      assertEquals(0.3, d.evidence().get(0).trigger().enter());
      assertTrue(d.evidence().get(0).active());
      assertFalse(d.evidence().get(1).active());
      assertEquals(500, d.newLabelledRows());
      List<RetrainDecision> all = again.decisions("churn", Instant.MIN, Instant.MAX);
      assertEquals(List.of(Optional.empty(), Optional.of(Suppression.NEW_DATA), Optional.empty(),
          Optional.of(Suppression.HYSTERESIS)), all.stream().map(RetrainDecision::suppressedBy).toList());
      assertEquals(List.of("churn"), again.policies());
      assertEquals(4, again.lastDecision("churn").orElseThrow().seq());
    }
    assertEquals(4, meters.counter("mlops.retrain.evaluations", "policy", "churn").count());
    assertEquals(1, meters.counter("mlops.retrain.fires", "policy", "churn", "automation", "APPROVAL").count(),
        "a share of 0.4 is above the default limit 0.3, so the fire asks for approval");
    assertEquals(1, meters.counter("mlops.retrain.suppressions", "policy", "churn", "reason", "NEW_DATA").count());
    assertEquals(1, meters.counter("mlops.retrain.suppressions", "policy", "churn", "reason", "HYSTERESIS").count());
  }

  @Test
  void twoProcessesOnOneStoreContinueEachOthersState() {
    try (ObjectStore a = FileSystemObjectStore.open(dir); ObjectStore b = FileSystemObjectStore.open(dir)) {
      RetrainPolicyConfig twoWindows = RetrainPolicyConfig.builder().name("shared")
          .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.3))
          .consecutiveWindows(2).build();
      RetrainPolicy first = new DefaultRetraining(a, new SimpleMeterRegistry(), TestClock.at(T0)).policy(twoWindows);
      RetrainPolicy second = new DefaultRetraining(b, new SimpleMeterRegistry(), TestClock.at(T0)).policy(twoWindows);
      assertEquals(Optional.of(Suppression.CONSECUTIVE_WINDOWS), first.evaluate(window(1, 0.5, 0.9, 0)).suppressedBy());
      RetrainDecision d = second.evaluate(window(2, 0.5, 0.9, 0));
      assertTrue(d.fired(), "the second process counts the first one's window");
      assertEquals(2, d.seq());
      assertThrows(IllegalArgumentException.class, () -> first.evaluate(window(2, 0.5, 0.9, 0)),
          "a window already decided by the other process is refused, not recorded twice");
      assertEquals(3, first.evaluate(window(3, 0.5, 0.9, 0)).seq());
    }
  }

  @Test
  void windowsOutOfOrderAreRefusedAndNothingIsRecorded() {
    try (ObjectStore store = FileSystemObjectStore.open(dir)) {
      Retraining retraining = new DefaultRetraining(store, new SimpleMeterRegistry(), TestClock.at(T0));
      RetrainPolicy policy = retraining.policy(config);
      policy.evaluate(window(2, 0.1, 0.9, 0));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> policy.evaluate(window(1, 0.1, 0.9, 0)));
      assertTrue(e.getMessage().contains("time order"), e.getMessage());
      assertEquals(1, retraining.decisions("churn", Instant.MIN, Instant.MAX).size());
    }
  }

  @Test
  void scheduleSignalCountsHoursSinceTheLastRetrain() {
    RetrainPolicyConfig weekly = RetrainPolicyConfig.builder().name("weekly")
        .trigger(Trigger.when(PolicyEngine.SCHEDULE_SIGNAL, Comparison.AT_LEAST, 24 * 7))
        .build();
    RetrainPolicy policy = new DefaultRetraining(
        dev.mlops.core.internal.storage.InMemoryObjectStore.create(), new SimpleMeterRegistry(),
        TestClock.at(T0)).policy(weekly);
    StringBuilder fired = new StringBuilder();
    for (int day = 0; day <= 15; day++) {
      if (policy.evaluate(RetrainSignals.builder(T0.plus(DAY.multipliedBy(day))).build()).fired()) {
        fired.append(day).append(' ');
      }
    }
    assertEquals("7 14 ", fired.toString(), "weekly from the first window, then from each retrain");
  }
}
