package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.api.validation.Validator;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry's promotion gate, set to the validator's, on real registered ONNX versions. */
class RegistryGateTest {
  @TempDir Path dir;

  private static byte[] model(float sign) {
    return OnnxTestModels.logisticRegression(new float[][] {{-4 * sign, 4 * sign}, {0, 0}},
        new float[] {0, 0});
  }

  @Test
  void onlyAVersionWithAPassingReportTakesTheGatedAlias() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    float[][] rows = new float[200][2];
    double[] labels = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      rows[i][0] = (float) random.nextGaussian();
      labels[i] = rows[i][0] > 0 ? 1 : 0;
    }
    LabelledData data = LabelledData.of(rows, labels);
    try (MlOps mlops = MlOps.builder().uri(URI.create("mem:registry-gate-" + UUID.randomUUID()))
        .promotionGate(m -> m.validator().promotionGate(Optional.of("gate"))).build()) {
      ModelRegistry models = mlops.models();
      Validator validator = mlops.validator();
      byte[] good = model(1);
      byte[] bad = model(-1);
      for (byte[] bytes : new byte[][] {good, bad, good}) {
        Path file = OnnxTestModels.write(bytes, Files.createTempFile(dir, "m", ".onnx"));
        models.register(ModelSpec.builder().model("churn").artifact(file, ModelFormat.ONNX).build());
      }
      models.protect("churn", "production", AliasPolicy.gateAndApprovals(0));
      ValidationSuite suite = ValidationSuite.builder().name("gate")
          .require("accuracy", Comparison.AT_LEAST, 0.95).build();
      validator.validate(ValidationRequest.builder().suite(suite)
          .candidateModel(OnnxModel.of(good, "churn/1")).data(data).model("churn/1").build());
      validator.validate(ValidationRequest.builder().suite(suite)
          .candidateModel(OnnxModel.of(bad, "churn/2")).data(data).model("churn/2").build());

      models.requestPromotion("churn", "production", 1, "ana", "validated");
      assertEquals(1, models.resolve("churn@production").version());
      GateFailedException failed = assertThrows(GateFailedException.class,
          () -> models.requestPromotion("churn", "production", 2, "ana", "failed its suite"));
      assertTrue(failed.getMessage().contains("accuracy >= 0.95"), failed.getMessage());
      GateFailedException unvalidated = assertThrows(GateFailedException.class,
          () -> models.requestPromotion("churn", "production", 3, "ana", "same bytes, no report"));
      assertTrue(unvalidated.getMessage().contains("no validation report"), unvalidated.getMessage());
      assertEquals(1, models.resolve("churn@production").version());
      assertEquals(Map.of("production", 1), models.aliases("churn"));
    }
  }
}
