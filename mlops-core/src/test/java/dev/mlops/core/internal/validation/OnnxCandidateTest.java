package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.OnnxTestModels;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Meta metrics measured on real ONNX Runtime sessions of models the test builds. */
class OnnxCandidateTest {
  private static final int FEATURES = 256;
  private final DefaultValidator validator = new DefaultValidator(InMemoryObjectStore.create(),
      Clock.systemUTC());

  /** Class 1 when feature 0 is positive: weights +w / -w on feature 0 only. */
  private static byte[] model(int extraSteps) {
    float[][] weights = new float[FEATURES][2];
    weights[0][0] = -4;
    weights[0][1] = 4;
    return OnnxTestModels.logisticRegression(weights, new float[] {0, 0}, extraSteps);
  }

  private static LabelledData data() {
    SplittableRandom random = new SplittableRandom(3);
    float[][] rows = new float[200][FEATURES];
    double[] labels = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < FEATURES; j++) {
        rows[i][j] = (float) random.nextGaussian();
      }
      labels[i] = rows[i][0] > 0 ? 1 : 0;
    }
    return LabelledData.of(rows, labels);
  }

  private ValidationReport run(byte[] model) {
    ValidationSuite suite = ValidationSuite.builder().name("onnx-meta")
        .measurement(new Measurement(2, 3, 15))
        .require("accuracy", Comparison.AT_LEAST, 0.99)
        .require(MetaMetrics.LATENCY_P50_SINGLE, Comparison.AT_MOST, 2.0)
        .require(MetaMetrics.LOAD_TIME, Comparison.AT_MOST, 60_000)
        .require(MetaMetrics.ARTIFACT_SIZE, Comparison.AT_MOST, 10_000_000)
        .require(MetaMetrics.PEAK_NATIVE, Comparison.AT_LEAST, 0)
        .build();
    return validator.validate(ValidationRequest.builder().suite(suite)
        .candidateModel(OnnxModel.of(model, "test-model")).data(data()).build());
  }

  @Test
  void aFastOnnxModelPassesWithLoadTimeArtifactSizeAndMemoryMeasured() {
    byte[] fast = model(0);
    ValidationReport report = run(fast);
    assertTrue(report.passed(), report.checks().toString());
    assertEquals(fast.length, report.metrics().get(MetaMetrics.ARTIFACT_SIZE), 0);
    assertTrue(report.metrics().get(MetaMetrics.LOAD_TIME) > 0);
    assertTrue(report.metrics().get(MetaMetrics.THROUGHPUT) > 0);
    assertEquals("bytes", report.units().get(MetaMetrics.PEAK_NATIVE));
  }

  @Test
  void anOnnxModelBuiltToBeSlowFailsTheLatencyThreshold() {
    // 1000 extra 256x256 identity products per row: the same answers (accuracy passes), about
    // 130 MFLOP per row, several ms on one core (400 steps of 128x128 measured 0.5 ms), while the
    // plain model needs microseconds.
    ValidationReport report = run(model(1000));
    assertTrue(report.checks().get(0).passed(), report.checks().get(0).message());
    assertFalse(report.checks().get(1).passed(), report.checks().get(1).message());
    assertFalse(report.passed());
  }

  @Test
  void loadTimeOfAHostPredictorIsReportedAsNotMeasurable() {
    ValidationSuite suite = ValidationSuite.builder().name("host")
        .measurement(new Measurement(4, 0, 10))
        .require(MetaMetrics.LOAD_TIME, Comparison.AT_MOST, 100).build();
    ValidationReport report = validator.validate(ValidationRequest.builder().suite(suite)
        .candidate(Fixtures.perfect()).data(Fixtures.regions(30, 1)).build());
    assertFalse(report.passed());
    assertTrue(report.checks().get(0).message().contains("ONNX"), report.checks().get(0).message());
  }
}
