package dev.mlops.core.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.registry.ModelSignature;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.testing.OnnxTestModels;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Predictions through the per-thread input arena equal the model computed by hand, whatever the
 * sequence of batch sizes on one thread: growing the arena, reusing it for a smaller batch after a
 * larger one (stale bytes beyond the batch must not leak in), and a batch above the arena's limit.
 */
class InputArenaTest {
  private static final float[][] WEIGHTS = {{0.5f, -1f, 0.25f}, {2f, 0.5f, -0.75f}, {-1.5f, 1f, 0f}, {0.1f, 0.2f, 0.3f}};
  private static final float[] BIAS = {0.1f, -0.2f, 0.05f};

  @Test
  void everyBatchSizeOnOneThreadGivesTheHandComputedProbabilities() throws OrtException {
    byte[] model = OnnxTestModels.logisticRegression(WEIGHTS, BIAS);
    ModelSignature signature = OnnxModels.signature(model, "lr");
    int aboveLimit = InputArena.LIMIT / (4 * WEIGHTS.length) + 10;
    SplittableRandom random = new SplittableRandom(3);
    try (OrtSession session = OnnxModels.open(model, "lr")) {
      for (int rows : new int[] {1, 300, 2, 5000, 1, aboveLimit, 7}) {
        float[][] input = new float[rows][WEIGHTS.length];
        for (float[] row : input) {
          for (int i = 0; i < row.length; i++) {
            row[i] = (float) random.nextDouble(-3, 3);
          }
        }
        Tensor output = OnnxRunner.run(session, signature, Map.of(OnnxTestModels.INPUT, Tensor.ofFloats(input)), "lr")
            .get(OnnxTestModels.OUTPUT);
        float[][] got = output.floatRows();
        for (int r = 0; r < rows; r += Math.max(1, rows / 50)) {
          assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, input[r]), got[r], 1e-5f, rows + " rows, row " + r);
        }
        assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, input[rows - 1]), got[rows - 1], 1e-5f);
      }
    }
  }
}
