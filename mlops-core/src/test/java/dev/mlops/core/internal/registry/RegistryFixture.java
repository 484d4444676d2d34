package dev.mlops.core.internal.registry;

import dev.mlops.api.experiment.RunInfo;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.testing.OnnxTestModels;
import dev.mlops.core.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A registry on a given store with a controllable clock, and models to register. */
final class RegistryFixture implements AutoCloseable {
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final float[] BIAS = {0.1f, -0.2f};

  final ObjectStore store;
  /** Starts at a fixed instant and ticks 1 ms per reading, so event times never tie. */
  final TestClock clock = TestClock.ticking(Instant.parse("2026-01-01T00:00:00Z"),
      Duration.ofMillis(1));
  final ExecutorService executor = Executors.newCachedThreadPool();
  final DefaultModelRegistry registry;
  final Path dir;

  RegistryFixture(ObjectStore store, Path dir) {
    this(store, dir, id -> Optional.empty(), Duration.ofMillis(50));
  }

  RegistryFixture(ObjectStore store, Path dir, Function<String, Optional<RunInfo>> runs, Duration poll) {
    this.store = store;
    this.dir = dir;
    this.registry = new DefaultModelRegistry(store, clock, executor, runs, 64L << 20, poll);
  }

  /** A registry built with an extra promotion gate (and no stored gates: they need an MlOps). */
  RegistryFixture(ObjectStore store, Path dir, dev.mlops.api.registry.PromotionGate extraGate) {
    this.store = store;
    this.dir = dir;
    this.registry = new DefaultModelRegistry(store, clock, executor, id -> Optional.empty(), 64L << 20,
        Duration.ofMillis(50), GateServices.NONE, extraGate);
  }

  /** Writes a logistic regression whose bias is shifted by {@code shift}, so versions answer differently. */
  Path model(String file, float shift) {
    float[] bias = {BIAS[0] + shift, BIAS[1] - shift};
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS, bias), dir.resolve(file));
  }

  ModelVersion register(String model, float shift) {
    return registry.register(ModelSpec.builder().model(model)
        .artifact(model(model + "-" + shift + "-" + System.nanoTime() + ".onnx", shift), ModelFormat.ONNX).build());
  }

  void moveAlias(String model, String alias, int version) {
    registry.moveAliases(model, Map.of(alias, version), "tester", "test");
  }

  @Override
  public void close() {
    registry.close();
    executor.shutdownNow();
    store.close();
  }
}
