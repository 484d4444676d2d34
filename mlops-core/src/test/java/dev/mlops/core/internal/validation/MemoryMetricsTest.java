package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Measurement;
import dev.mlops.api.validation.MetaMetrics;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The memory meta metrics mean something: a model that allocates more reports more. Heap bytes per
 * prediction come from the thread's allocation counter; native memory from the process's peak
 * resident set, on real ONNX Runtime sessions of models built here.
 */
class MemoryMetricsTest {
  private static final int FEATURES = 4;
  private static final int CALLS = 10;
  private final DefaultValidator validator = new DefaultValidator(InMemoryObjectStore.create(),
      Clock.systemUTC());

  /** Keeps what the allocating predictor made reachable, so no compiler can drop the allocation. */
  private static volatile byte[] sink;

  private static ValidationSuite memorySuite() {
    return ValidationSuite.builder().name("memory")
        .measurement(new Measurement(2, 2, CALLS))
        .require(MetaMetrics.ALLOCATED_PER_PREDICTION, Comparison.AT_LEAST, 0)
        .require(MetaMetrics.PEAK_NATIVE, Comparison.AT_LEAST, 0)
        .build();
  }

  private static LabelledData data() {
    SplittableRandom random = new SplittableRandom(5);
    float[][] rows = new float[40][FEATURES];
    double[] labels = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < FEATURES; j++) {
        rows[i][j] = (float) random.nextGaussian();
      }
      labels[i] = rows[i][0] > 0 ? 1 : 0;
    }
    return LabelledData.of(rows, labels);
  }

  private ValidationReport validate(Predictor host) {
    return validator.validate(ValidationRequest.builder().suite(memorySuite()).candidate(host)
        .data(data()).build());
  }

  private ValidationReport validate(byte[] onnx) {
    return validator.validate(ValidationRequest.builder().suite(memorySuite())
        .candidateModel(OnnxModel.of(onnx, "memory-test")).data(data()).build());
  }

  /** Class 1 when feature 0 is positive, with {@code classes} outputs (the rest never win). */
  private static float[][] weights(int classes) {
    float[][] weights = new float[FEATURES][classes];
    weights[0][0] = -4;
    weights[0][1] = 4;
    return weights;
  }

  @Test
  void aHostPredictorThatAllocatesAMegabytePerCallReportsAtLeastThatPerPrediction() {
    Predictor lean = Fixtures.perfect();
    Predictor hungry = rows -> {
      sink = new byte[1_000_000];
      return Fixtures.perfect().predict(rows);
    };

    double leanBytes = validate(lean).metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION);
    double hungryBytes = validate(hungry).metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION);

    // A byte[1_000_000] is 1,000,000 bytes of payload plus its header, allocated once per call.
    assertTrue(hungryBytes >= 1_000_000, "hungry: " + hungryBytes);
    assertTrue(hungryBytes - leanBytes >= 1_000_000, "hungry " + hungryBytes + ", lean " + leanBytes);
    // perfect() allocates its float[1][] and one float[2] per one-row call: some bytes, not zero.
    assertTrue(leanBytes > 0 && leanBytes < 10_000, "lean: " + leanBytes);
  }

  @Test
  void anOnnxModelWithWiderOutputsAllocatesMoreHeapPerPrediction() {
    double narrow = validate(OnnxTestModels.logisticRegression(weights(2), new float[2]))
        .metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION);
    double wide = validate(OnnxTestModels.logisticRegression(weights(512), new float[512]))
        .metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION);

    // The prediction is handed back as a new float[classes] per row: 4 bytes per class at least,
    // so 512 classes need at least 4 * (512 - 2) bytes more per prediction than 2 classes.
    assertTrue(wide - narrow >= 4 * (512 - 2), "wide " + wide + ", narrow " + narrow);
  }

  @Test
  void anOnnxModelWithA64MibScratchTensorReportsAtLeastThatMuchNativeMemory() {
    assumeTrue(Files.isWritable(Path.of("/proc/self/clear_refs")),
        "the peak resident set can be reset only on Linux with /proc/self/clear_refs writable");
    long scratchPerFeature = 4L << 20;
    double plain = validate(OnnxTestModels.logisticRegression(weights(2), new float[2]))
        .metrics().get(MetaMetrics.PEAK_NATIVE);
    double scratch = validate(OnnxTestModels.logisticRegressionWithScratch(weights(2), new float[2],
        scratchPerFeature)).metrics().get(MetaMetrics.PEAK_NATIVE);

    // ONNX Runtime must hold the Expand output, [1, 4, 4 Mi] floats = 64 MiB, while it runs.
    long scratchBytes = FEATURES * scratchPerFeature * Float.BYTES;
    assertEquals(64L << 20, scratchBytes);
    assertTrue(scratch >= scratchBytes, "scratch model: " + scratch);
    assertTrue(plain < scratch, "plain " + plain + ", scratch " + scratch);
  }

  @Test
  void theScratchModelAnswersLikeThePlainOne() throws Exception {
    float[][] rows = data().features();
    try (var plain = dev.mlops.core.internal.onnx.OnnxPredictor.of(
            OnnxTestModels.logisticRegression(weights(2), new float[2]), "plain");
        var scratch = dev.mlops.core.internal.onnx.OnnxPredictor.of(
            OnnxTestModels.logisticRegressionWithScratch(weights(2), new float[2], 16), "scratch")) {
      float[][] expected = plain.predict(rows);
      float[][] actual = scratch.predict(rows);
      for (int i = 0; i < rows.length; i++) {
        assertEquals(expected[i][1], actual[i][1], 1e-6f, "row " + i);
      }
    }
  }

  @Test
  void aSuiteNamingTheRetiredPeakHeapMetricFailsNamingItsReplacement() {
    ValidationSuite old = ValidationSuite.builder().name("old")
        .require("memory.peak_heap.bytes", Comparison.AT_MOST, 256.0 * 1024 * 1024).build();

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> validator.validate(ValidationRequest.builder().suite(old).candidate(Fixtures.perfect())
            .data(data()).build()));

    assertTrue(e.getMessage().contains("memory.peak_heap.bytes")
        && e.getMessage().contains(MetaMetrics.ALLOCATED_PER_PREDICTION), e.getMessage());
  }

  @Test
  void aStoredReportWithTheRetiredMetricStillReads() {
    ValidationReport report = validate(Fixtures.perfect());
    String json = ReportJson.write(report).replace(MetaMetrics.ALLOCATED_PER_PREDICTION,
        "memory.peak_heap.bytes");

    ValidationReport old = ReportJson.read("0".repeat(64), json);

    assertEquals(report.metrics().get(MetaMetrics.ALLOCATED_PER_PREDICTION),
        old.metrics().get("memory.peak_heap.bytes"));
    assertTrue(ValidationReportPage.render(old).contains("memory.peak_heap.bytes"));
  }
}
