package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the decision controls on arbitrary hourly streams. */
class PolicyPropertiesTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Property(tries = 100)
  void controlsHoldOnAnyStreamAndLiveDecidesExactlyAsTheBacktest(
      @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> shares,
      @ForAll @IntRange(min = 1, max = 4) int consecutive,
      @ForAll @IntRange(min = 0, max = 6) int cooldownHours,
      @ForAll @IntRange(min = 1, max = 3) int budget,
      @ForAll @IntRange(min = 1, max = 12) int periodHours) {
    RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("prop")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.5, 0.3))
        .consecutiveWindows(consecutive).cooldown(Duration.ofHours(cooldownHours))
        .budget(budget, Duration.ofHours(periodHours))
        .automation(Automation.NOTIFY) // no requests: live and replayed decisions compare whole
        .build();
    List<RetrainSignals> windows = new ArrayList<>();
    for (int i = 0; i < shares.size(); i++) {
      windows.add(RetrainSignals.builder(T0.plus(Duration.ofHours(i))).signal("drift.share", shares.get(i)).build());
    }
    RetrainPolicy live = new DefaultRetraining(InMemoryObjectStore.create(), new SimpleMeterRegistry(),
        TestClock.at(T0)).policy(config);
    List<RetrainDecision> liveDecisions = windows.stream().map(live::evaluate).toList();
    List<RetrainDecision> replayed = Backtester.run(config, windows, List.of()).decisions();
    assertEquals(replayed, liveDecisions, "the store-backed policy and the backtest decide alike");

    List<Integer> fires = new ArrayList<>();
    for (int i = 0; i < liveDecisions.size(); i++) {
      if (liveDecisions.get(i).fired()) {
        fires.add(i);
      }
    }
    for (int f = 0; f < fires.size(); f++) {
      int at = fires.get(f);
      for (int back = 0; back < consecutive; back++) {
        assertTrue(at - back >= 0 && liveDecisions.get(at - back).asked(),
            "a fire follows " + consecutive + " asking windows");
      }
      if (f > 0) {
        assertTrue(at - fires.get(f - 1) >= cooldownHours, "fires are at least the cooldown apart");
        boolean rearmed = false;
        for (int i = fires.get(f - 1) + 1; i < at; i++) {
          rearmed |= !liveDecisions.get(i).asked();
        }
        assertTrue(rearmed, "one episode fires once: a quiet window lies between two fires");
      }
      long inPeriod = fires.stream().filter(g -> g <= at && g > at - periodHours).count();
      assertTrue(inPeriod <= budget, "at most " + budget + " fires in any " + periodHours + "h");
    }
  }
}
