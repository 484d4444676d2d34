package dev.mlops.core.internal.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.TensorSpec;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxPredictorTest {
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final float[] BIAS = {0.1f, -0.2f};

  @Test
  void predictsWhatTheFormulaGives() {
    float[][] rows = {{0f, 0f, 0f}, {1f, 2f, 3f}, {-4f, 0.5f, 10f}};
    try (OnnxPredictor predictor = OnnxPredictor.of(OnnxTestModels.logisticRegression(WEIGHTS, BIAS), "lr")) {
      float[][] out = predictor.predict(rows);
      assertEquals(3, out.length);
      for (int i = 0; i < rows.length; i++) {
        // reference: softmax(x W + b) computed in double precision in plain Java
        assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, rows[i]), out[i], 1e-6f);
      }
    }
  }

  @Test
  void theSlowModelGivesTheSameAnswers() {
    float[][] rows = {{1f, 2f, 3f}};
    try (OnnxPredictor predictor = OnnxPredictor.of(OnnxTestModels.logisticRegression(WEIGHTS, BIAS, 50), "slow")) {
      assertArrayEquals(OnnxTestModels.expected(WEIGHTS, BIAS, rows[0]), predictor.predict(rows)[0], 1e-6f);
    }
  }

  @Test
  void readsTheSignatureFromTheModel() {
    var signature = OnnxModels.signature(OnnxTestModels.logisticRegression(WEIGHTS, BIAS), "lr");
    assertEquals(List.of(new TensorSpec("features", "FLOAT", List.of(-1L, 3L))), signature.inputs());
    assertEquals(List.of(new TensorSpec("probabilities", "FLOAT", List.of(-1L, 2L))), signature.outputs());
  }

  @Test
  void bytesThatAreNotAModelAreRefusedWithATypedError() {
    var e = assertThrows(InvalidModelException.class,
        () -> OnnxPredictor.of("not a model".getBytes(StandardCharsets.UTF_8), "junk.onnx"));
    assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
  }

  @Test
  void rowsOfTheWrongWidthNameTheExpectedInput() {
    try (OnnxPredictor predictor = OnnxPredictor.of(OnnxTestModels.logisticRegression(WEIGHTS, BIAS), "lr")) {
      var e = assertThrows(InvalidModelException.class, () -> predictor.predict(new float[][] {{1f, 2f}}));
      assertTrue(e.getMessage().contains("'features'") && e.getMessage().contains("[-1, 3]"), e.getMessage());
    }
  }

  @Test
  void closingReleasesTheSession() {
    int before = SharedSession.openSessions();
    OnnxPredictor predictor = OnnxPredictor.of(OnnxTestModels.logisticRegression(WEIGHTS, BIAS), "lr");
    assertEquals(before + 1, SharedSession.openSessions());
    predictor.close();
    predictor.close();
    assertEquals(before, SharedSession.openSessions());
    assertThrows(IllegalStateException.class, () -> predictor.predict(new float[][] {{1f, 2f, 3f}}));
  }
}
