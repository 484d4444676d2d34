package dev.mlops.core.internal.retrain;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.storage.ObjectStore;
import dev.mlops.storage.fs.FileSystemObjectStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Evaluates windows 0..n-1 of the shared test policy on a store directory, skipping windows
 * another process already decided. Args: the store directory, n, a ready file to create, a start
 * file to wait for (so the processes race from the same moment). Prints how many it recorded.
 */
public final class EvaluatingChild {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private EvaluatingChild() {}

  static RetrainPolicyConfig config() {
    return RetrainPolicyConfig.builder().name("multi")
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.5))
        .consecutiveWindows(3).cooldown(Duration.ZERO).build();
  }

  static RetrainSignals window(int i) {
    double share = (i / 5) % 2 == 0 ? 0.1 : 0.9; // 5 quiet windows, 5 drifted, ...
    return RetrainSignals.builder(T0.plus(Duration.ofHours(i))).signal("drift.share", share).build();
  }

  static int evaluateAll(ObjectStore store, int n) throws InterruptedException {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    RetrainPolicy policy = new DefaultRetraining(store, new SimpleMeterRegistry(), Clock.systemUTC())
        .policy(config());
    int recorded = 0;
    for (int i = 0; i < n; i++) {
      Thread.sleep(random.nextInt(20)); // uneven pacing, so the processes overtake each other
      try {
        policy.evaluate(window(i));
        recorded++;
      } catch (IllegalArgumentException alreadyDecided) {
        // another process recorded this window first
      }
    }
    return recorded;
  }

  public static void main(String[] args) throws Exception {
    try (ObjectStore store = FileSystemObjectStore.open(Path.of(args[0]))) {
      java.nio.file.Files.createFile(Path.of(args[2]));
      while (!java.nio.file.Files.exists(Path.of(args[3]))) {
        Thread.sleep(5);
      }
      System.out.println(evaluateAll(store, Integer.parseInt(args[1])));
    }
  }
}
