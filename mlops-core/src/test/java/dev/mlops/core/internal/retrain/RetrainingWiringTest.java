package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.MlOps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MlOps hands out policies recorded in its store and metered in its registry. */
class RetrainingWiringTest {
  @Test
  void mlopsRetrainPolicyRecordsInTheStoreAndMetersInTheHostRegistry() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (MlOps mlops = MlOps.builder().uri(URI.create("mem:retrain-wiring-" + System.nanoTime()))
        .meterRegistry(meters).build()) {
      RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("wired")
          .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.3)).build();
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      assertTrue(mlops.retrainPolicy(config)
          .evaluate(RetrainSignals.builder(at).signal("drift.share", 0.1).build()).seq() == 1);
      assertEquals(1, mlops.retraining().decisions("wired", at, at.plusSeconds(1)).size());
      assertTrue(mlops.store().stat("logs/retrain/wired/000000000001").isPresent());
      assertEquals(1, meters.counter("mlops.retrain.evaluations", "policy", "wired").count());
    }
  }
}
