package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the store the tests serve from: model {@code churn} with two versions of a two-feature
 * logistic regression (ONNX built by {@link OnnxTestModels}), alias {@code production} on version
 * 1, dataset {@code churn-training@v1}, a table of the two features used as drift reference, and
 * one retrain request of policy {@code churn} waiting for approval.
 */
final class TestStore {
  /** Version 1's weights, features by classes. */
  static final float[][] WEIGHTS_V1 = {{0.5f, -0.5f}, {0.02f, 0.01f}};
  /** Version 2's weights: the classes swapped, so every prediction differs from version 1's. */
  static final float[][] WEIGHTS_V2 = {{-0.5f, 0.5f}, {0.01f, 0.02f}};
  static final float[] BIAS = {0f, 0f};
  /** The reference's tenure is 0..49 and spend 0..99, evenly. */
  static final int REFERENCE_ROWS = 2_000;

  private TestStore() {}

  static Path write(Path dir) {
    Path store = dir.resolve("store");
    try (MlOps mlops = open(store)) {
      mlops.models().register(ModelSpec.builder().model("churn")
          .artifact(OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS_V1, BIAS), dir.resolve("v1.onnx")),
              ModelFormat.ONNX).build());
      mlops.models().register(ModelSpec.builder().model("churn")
          .artifact(OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS_V2, BIAS), dir.resolve("v2.onnx")),
              ModelFormat.ONNX).build());
      mlops.models().moveAliases("churn", Map.of("production", 1), "test", "first release");
      StringBuilder csv = new StringBuilder("tenure,spend\n");
      for (int i = 0; i < REFERENCE_ROWS; i++) {
        csv.append(i % 50).append(',').append((i * 7) % 100).append('\n');
      }
      Path file = Files.writeString(dir.resolve("training.csv"), csv);
      mlops.datasets().commit(CommitRequest.builder().dataset("churn-training")
          .addTable("training", new TableSource.FromCsv(file, Optional.empty())).build());
      mlops.datasets().tag("churn-training", "v1");
      // A retrain request waiting for a person: drift share 0.6 is past the default rule's line
      // for asking (as in core's ApprovalTest).
      RetrainDecision asked = mlops.retraining().policy(RetrainPolicyConfig.builder().name("churn")
          .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.1, 0.05)).cooldown(Duration.ZERO).build(),
          decision -> { }).evaluate(RetrainSignals.builder(Instant.now()).signal("drift.share", 0.6).build());
      if (asked.automation().orElseThrow() != Automation.APPROVAL) {
        throw new IllegalStateException("expected a request for approval: " + asked);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }

  /** Another MlOps on the same store, as another process would be. */
  static MlOps open(Path store) {
    return MlOps.builder().uri(store.toUri()).closeOnJvmExit(false).build();
  }

  /** The probabilities a version gives for one row, computed in Java (not by ONNX Runtime). */
  static float[] expected(int version, float tenure, float spend) {
    return OnnxTestModels.expected(version == 1 ? WEIGHTS_V1 : WEIGHTS_V2, BIAS, new float[] {tenure, spend});
  }
}
