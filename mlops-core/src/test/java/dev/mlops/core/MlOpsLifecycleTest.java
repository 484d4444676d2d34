package dev.mlops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.experiment.MetricHistory;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.experiment.RunStatus;
import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.testing.AtOnce;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One lifecycle per {@link MlOps}: concerns made once, closed together, nothing shared. */
class MlOpsLifecycleTest {
  private static MlOps open() {
    return MlOps.builder().uri(URI.create("mem:lifecycle-" + UUID.randomUUID()))
        .closeOnJvmExit(false).build();
  }

  /** Every accessor of an instance, by name. */
  private static List<Function<MlOps, Object>> accessors() {
    return List.of(MlOps::store, MlOps::meterRegistry, MlOps::executor, MlOps::clock,
        MlOps::inspector, MlOps::datasets, MlOps::experiments, MlOps::models, MlOps::validator,
        MlOps::drift, MlOps::retraining);
  }

  @Test
  @DisplayName("each accessor returns one instance, also when many threads ask for it at once")
  void eachConcernIsMadeOnce() throws Exception {
    try (MlOps mlops = open()) {
      for (Function<MlOps, Object> accessor : accessors()) {
        List<Object> seen = AtOnce.ask(8, () -> accessor.apply(mlops));
        for (Object one : seen) {
          assertSame(seen.get(0), one);
        }
        assertSame(seen.get(0), accessor.apply(mlops));
      }
    }
  }

  @Test
  @DisplayName("after close every accessor throws IllegalStateException saying the MlOps was closed; close is idempotent")
  void accessorsAfterCloseSaySo() {
    MlOps mlops = open();
    mlops.experiments(); // made before close, and
    mlops.close(); // the others never made
    mlops.close();
    List<Supplier<Object>> calls = new ArrayList<>();
    accessors().forEach(accessor -> calls.add(() -> accessor.apply(mlops)));
    RetrainPolicyConfig policy = RetrainPolicyConfig.builder().name("p")
        .trigger(Trigger.when("metric.auc", Comparison.BELOW, 0.8)).build();
    calls.add(() -> mlops.retrainPolicy(policy));
    for (Supplier<Object> call : calls) {
      IllegalStateException e = assertThrows(IllegalStateException.class, call::get);
      assertTrue(e.getMessage().contains("MlOps") && e.getMessage().contains("was closed"),
          e.getMessage());
    }
  }

  @Test
  @DisplayName("two MlOps on one host store share nothing: closing one leaves the other logging")
  void twoInstancesOnOneStoreAreIndependent() {
    try (MlOps owner = open()) {
      ObjectStore shared = owner.store();
      MlOps first = MlOps.builder().store(shared).closeOnJvmExit(false).build();
      MlOps second = MlOps.builder().store(shared).closeOnJvmExit(false).build();
      assertNotSame(first.experiments(), second.experiments());
      Run left = first.experiments().start(RunSpec.builder().experiment("e").build());
      left.log("x", 1.0, 0);
      Run kept = second.experiments().start(RunSpec.builder().experiment("e").build());
      kept.log("x", 1.0, 0);
      first.close();

      for (int i = 1; i < 1_000; i++) {
        kept.log("x", i, i);
      }
      kept.flush();
      kept.close();
      MetricHistory history = second.experiments().history(kept.id(), "x");
      assertEquals(1_000, history.size());
      assertEquals(RunStatus.FINISHED, second.experiments().run(kept.id()).orElseThrow().status());
      assertEquals(RunStatus.FINISHED, second.experiments().run(left.id()).orElseThrow().status(),
          "closing the first instance ended its own run");
      Run later = second.experiments().start(RunSpec.builder().experiment("e").build());
      later.log("x", 2.0, 0);
      later.close();
      assertEquals(1, second.experiments().history(later.id(), "x").size());
      second.close();
      assertTrue(shared.putIfAbsent("still-open", new byte[0]), "the host's store stays open");
    }
  }

  @Test
  @DisplayName("closing an MlOps flushes the runs left open and ends them FINISHED, or FAILED after fail()")
  void closeFlushesOpenRuns() {
    try (MlOps reader = open()) {
      MlOps writer = MlOps.builder().store(reader.store()).closeOnJvmExit(false).build();
      Run finished = writer.experiments().start(RunSpec.builder().experiment("e").build());
      Run failed = writer.experiments().start(RunSpec.builder().experiment("e").build());
      for (int i = 0; i < 1_000; i++) {
        finished.log("x", i, i);
        failed.log("x", i, i);
      }
      failed.fail(new IllegalArgumentException("diverged"));
      writer.close();
      assertEquals(1_000, reader.experiments().history(finished.id(), "x").size());
      assertEquals(1_000, reader.experiments().history(failed.id(), "x").size());
      assertEquals(RunStatus.FINISHED, reader.experiments().run(finished.id()).orElseThrow().status());
      assertEquals(RunStatus.FAILED, reader.experiments().run(failed.id()).orElseThrow().status());
      assertThrows(IllegalStateException.class, () -> finished.param("late", "1"),
          "the run was closed with its MlOps");
    }
  }

  @Test
  @DisplayName("closeOnJvmExit, like every builder value, may be set once")
  void closeOnJvmExitOnce() {
    MlOps.Builder builder = MlOps.builder().closeOnJvmExit(true);
    assertThrows(IllegalStateException.class, () -> builder.closeOnJvmExit(false));
  }
}
