package dev.mlops.core.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.internal.onnx.SharedSession;
import dev.mlops.core.testing.OnnxTestModels;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlOpsModelsTest {
  @TempDir Path dir;

  @Test
  void theRegistryOfMlOpsServesAndClosingMlOpsClosesItsSessions() {
    int before = SharedSession.openSessions();
    Path file = OnnxTestModels.write(OnnxTestModels.logisticRegression(RegistryFixture.WEIGHTS, RegistryFixture.BIAS),
        dir.resolve("m.onnx"));
    ModelHandle handle;
    try (MlOps mlops = MlOps.open(URI.create("mem:models-" + UUID.randomUUID()))) {
      var version = mlops.models().register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX)
          .run("no-such-run").build());
      assertEquals(Optional.of("no-such-run"), version.lineage().runId(), "an unknown run leaves the id only");
      mlops.models().moveAliases("churn", Map.of("production", 1), "ana", "first");
      handle = mlops.models().load("churn@production");
      assertEquals(1, handle.predict(Tensor.ofFloats(new float[][] {{1f, 2f, 3f}})).version().version());
      assertEquals(before + 1, SharedSession.openSessions());
    }
    assertEquals(before, SharedSession.openSessions(), "MlOps.close() closed the handle and its session");
    assertThrows(IllegalStateException.class, () -> handle.predict(Tensor.ofFloats(new float[][] {{1f, 2f, 3f}})));
  }
}
