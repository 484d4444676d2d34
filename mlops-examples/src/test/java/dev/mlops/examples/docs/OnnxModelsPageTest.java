package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Java code of docs/onnx-models.md: a Tribuo model exported to ONNX, registered and served.
 * Its regions are shown on the page (DocsSnippetsTest keeps them equal) and run here.
 */
@DisplayName("docs/onnx-models.md")
class OnnxModelsPageTest {
  @TempDir Path dir;

  @Test
  @DisplayName("a Tribuo model exported to ONNX registers with its signature and serves")
  void tribuo() throws IOException {
    Path onnxFile = dir.resolve("model.onnx");
    // snippet:onnx-tribuo
    LabelFactory labels = new LabelFactory();
    MutableDataset<Label> data = new MutableDataset<>(
        new SimpleDataSourceProvenance("toy", labels), labels);
    String[] features = {"x0", "x1"};   // Tribuo orders features by name: keep names sortable
    for (int i = 0; i < 200; i++) {
      double x = i / 100.0 - 1;
      data.add(new ArrayExample<>(new Label(x > 0 ? "high" : "low"), features,
          new double[] {x, -x}));
    }
    LinearSGDModel model = (LinearSGDModel) new LinearSGDTrainer(
        new LogMulticlass(), new AdaGrad(0.5), 20, 1L).train(data);
    model.saveONNXModel("com.example.toy", 1, onnxFile);   // input "input", output "output"
    // end:onnx-tribuo

    float[][] probabilities;
    String signature;
    // snippet:onnx-register
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      ModelRegistry models = mlops.models();
      ModelVersion version = models.register(ModelSpec.builder()
          .model("toy").artifact(onnxFile, ModelFormat.ONNX).build());
      signature = version.signature().orElseThrow().toString();  // read from the model
      try (ModelHandle handle = models.load("toy/1")) {
        probabilities = handle.predict(Tensor.ofFloats(new float[][] {{0.9f, -0.9f}}))
            .output("output").floatRows();
      }
    }
    // end:onnx-register
    assertEquals(1, probabilities.length);
    assertEquals(2, probabilities[0].length);
    int high = model.getOutputIDInfo().getID(new Label("high"));
    assertEquals(1.0, probabilities[0][0] + probabilities[0][1], 1e-5);
    assertTrue(probabilities[0][high] > 0.5, java.util.Arrays.toString(probabilities[0]));
    assertTrue(signature.contains("input") && signature.contains("FLOAT"), signature);
  }
}
