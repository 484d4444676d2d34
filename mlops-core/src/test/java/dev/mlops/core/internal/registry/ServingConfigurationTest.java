package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.testing.Eventually;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serving settings a host gives {@code MlOps.builder()} reach the registry of that instance. */
class ServingConfigurationTest {
  private static final float[] ROW = {1f, 2f, 3f};

  @TempDir Path dir;

  @Test
  @DisplayName("the builder refuses a zero or negative cache bound and poll period, saying what is allowed")
  void badValuesAreRefusedWithWhatIsAllowed() {
    IllegalArgumentException zeroBytes = assertThrows(IllegalArgumentException.class,
        () -> MlOps.builder().modelCacheBytes(0));
    assertTrue(zeroBytes.getMessage().contains("modelCacheBytes must be a positive number of bytes"),
        zeroBytes.getMessage());
    assertTrue(zeroBytes.getMessage().endsWith("got 0"), zeroBytes.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MlOps.builder().modelCacheBytes(-1));

    IllegalArgumentException zeroPeriod = assertThrows(IllegalArgumentException.class,
        () -> MlOps.builder().aliasPollPeriod(Duration.ZERO));
    assertTrue(zeroPeriod.getMessage().contains("aliasPollPeriod must be a positive duration"), zeroPeriod.getMessage());
    assertTrue(zeroPeriod.getMessage().endsWith("got PT0S"), zeroPeriod.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MlOps.builder().aliasPollPeriod(Duration.ofMillis(-5)));
    assertThrows(IllegalArgumentException.class,
        () -> MlOps.builder().aliasPollPeriod(Duration.ofNanos(Long.MAX_VALUE).plusNanos(1)),
        "a period that does not fit in nanoseconds");
    assertThrows(NullPointerException.class, () -> MlOps.builder().aliasPollPeriod(null));
  }

  @Test
  @DisplayName("each serving value may be set once")
  void servingValuesAreSetOnce() {
    MlOps.Builder builder = MlOps.builder().modelCacheBytes(1024).aliasPollPeriod(Duration.ofSeconds(1));
    assertThrows(IllegalStateException.class, () -> builder.modelCacheBytes(2048));
    assertThrows(IllegalStateException.class, () -> builder.aliasPollPeriod(Duration.ofSeconds(2)));
  }

  @Test
  @DisplayName("a cache bound of one model's size keeps one session open and closes the others")
  void aSmallCacheBoundEvicts() {
    byte[][] models = {model(0f), model(1f), model(2f)};
    assertEquals(3, openSessionsAfterServing(models, MlOps.builder()),
        "control: the default bound (1 GiB) keeps all three sessions");
    assertEquals(1, openSessionsAfterServing(models, MlOps.builder().modelCacheBytes(models[0].length)),
        "two of the three sessions were closed by eviction");
  }

  @Test
  @DisplayName("a short poll period sees a move made by another MlOps instance; a long one does not yet")
  void aShortPollPeriodPicksUpAMoveMadeElsewhere() throws Exception {
    Path store = dir.resolve("store");
    try (MlOps fast = MlOps.builder().uri(store.toUri()).aliasPollPeriod(Duration.ofMillis(50)).build();
        MlOps slow = MlOps.builder().uri(store.toUri()).aliasPollPeriod(Duration.ofHours(1)).build();
        MlOps other = MlOps.local(store)) {
      register(other, model(0f));
      register(other, model(1f));
      other.models().moveAliases("churn", Map.of("production", 1), "ana", "first");
      try (ModelHandle following = fast.models().load("churn@production");
          ModelHandle lagging = slow.models().load("churn@production")) {
        other.models().moveAliases("churn", Map.of("production", 2), "ana", "second");

        // The configured periods reach the registries (read, not timed: no margin to race) ...
        assertEquals(Duration.ofMillis(50), ((DefaultModelRegistry) fast.models()).pollPeriod());
        assertEquals(Duration.ofHours(1), ((DefaultModelRegistry) slow.models()).pollPeriod());
        // ... and the short one picks the move up, the hour-long one does not look yet.
        Eventually.await("the 50 ms poll saw the other instance's move", () -> predict(following) == 2);
        assertEquals(1, predict(lagging), "with a one-hour period the move is not looked for yet");
      }
    }
  }

  /** Serves each model once through a handle closed at once; returns how many sessions stay open. */
  private int openSessionsAfterServing(byte[][] models, MlOps.Builder builder) {
    int before = SharedSession.openSessions();
    int stayOpen;
    try (MlOps mlops = builder.uri(dir.resolve("store-" + System.nanoTime()).toUri()).build()) {
      for (byte[] model : models) {
        register(mlops, model);
      }
      for (int version = 1; version <= models.length; version++) {
        try (ModelHandle handle = mlops.models().load("churn/" + version)) {
          assertEquals(version, predict(handle));
        }
      }
      ((DefaultModelRegistry) mlops.models()).sessions().size(); // runs Caffeine's pending maintenance
      stayOpen = SharedSession.openSessions() - before;
    }
    assertEquals(before, SharedSession.openSessions(), "closing MlOps closed the cached sessions");
    return stayOpen;
  }

  private byte[] model(float shift) {
    return OnnxTestModels.logisticRegression(RegistryFixture.WEIGHTS,
        new float[] {RegistryFixture.BIAS[0] + shift, RegistryFixture.BIAS[1] - shift});
  }

  private void register(MlOps mlops, byte[] model) {
    Path file = OnnxTestModels.write(model, dir.resolve("m-" + System.nanoTime() + ".onnx"));
    mlops.models().register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
  }

  private static int predict(ModelHandle handle) {
    return handle.predict(Tensor.ofFloats(new float[][] {ROW})).version().version();
  }
}
