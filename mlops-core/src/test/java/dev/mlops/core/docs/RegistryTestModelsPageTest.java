package dev.mlops.core.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "For tests: building ONNX models" block of docs/registry.md, which uses this module's test
 * helper: the region between {@code // snippet:NAME} and {@code // end:NAME} is shown on the page
 * (mlops-examples' DocsSnippetsTest keeps the two equal) and runs here on a real file store.
 */
@DisplayName("docs/registry.md, building ONNX models for tests")
class RegistryTestModelsPageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("the helper's models register with the documented signature and serve its reference answer")
  void testModels() throws Exception {
    float[][] weights = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};   // d = 3 features, k = 2 classes
    float[] bias = {0.1f, -0.1f};
    float[] row = {0.3f, 1.2f, 5f};

    // snippet:registry-test-models
    byte[] model = OnnxTestModels.logisticRegression(weights /* [d][k] */, bias /* [k] */);
    byte[] slow = OnnxTestModels.logisticRegression(weights, bias, 200);   // 200 extra identity MatMuls
    float[] reference = OnnxTestModels.expected(weights, bias, row);       // softmax(x W + b) in plain Java
    Path file = OnnxTestModels.write(model, dir.resolve("m.onnx"));
    // end:registry-test-models

    // By hand: x W + b = (0.3 + 0.6 - 1.25 + 0.1, -0.3 + 2.4 + 0 - 0.1) = (-0.25, 2.0);
    // softmax's second is 1 / (1 + e^-2.25).
    assertEquals(1 / (1 + Math.exp(-2.25)), reference[1], 1e-6);
    assertEquals(1, reference[0] + reference[1], 1e-6);
    Path slowFile = OnnxTestModels.write(slow, dir.resolve("slow.onnx"));
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelSignature signature = mlops.models().register(ModelSpec.builder().model("churn")
          .artifact(file, ModelFormat.ONNX).build()).signature().orElseThrow();
      assertEquals(List.of(new TensorSpec("features", "FLOAT", List.of(-1L, 3L))), signature.inputs());
      assertEquals(List.of(new TensorSpec("probabilities", "FLOAT", List.of(-1L, 2L))), signature.outputs());
      mlops.models().register(ModelSpec.builder().model("churn").artifact(slowFile, ModelFormat.ONNX).build());
      for (String version : List.of("churn/1", "churn/2")) {
        try (ModelHandle handle = mlops.models().load(version)) {
          float[][] served = handle.predict(Tensor.ofFloats(new float[][] {row})).output("probabilities").floatRows();
          assertArrayEquals(reference, served[0], 1e-6f, version);
        }
      }
    }
    assertEquals(Files.size(file), model.length, "write stores the bytes as they are");
  }
}
