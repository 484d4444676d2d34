package dev.mlops.core.internal.registry;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.mlops.api.registry.InvalidModelException;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A separate JVM for {@link QuietOnnxTest} (ONNX Runtime's environment is one per process).
 * {@code <dir> sdk}: registers a model ONNX Runtime warns about, serves it, predicts, then tries to
 * register bytes that are no model. {@code <dir> host-first}: the same after the host made ONNX
 * Runtime's environment with its defaults. {@code <dir> plain}: loads the same model with ONNX
 * Runtime's defaults, the control that shows what ONNX Runtime prints by itself.
 */
public final class QuietOnnxChild {
  private QuietOnnxChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    byte[] model = OnnxTestModels.logisticRegressionWithUnusedInitializer(
        new float[][] {{1f, -1f}, {0.5f, 0.5f}}, new float[] {0f, 0f});
    if (args[1].equals("plain")) {
      try (OrtSession session = OrtEnvironment.getEnvironment().createSession(model,
          new OrtSession.SessionOptions())) {
        System.out.println("LOADED " + session.getInputNames());
      }
      return;
    }
    if (args[1].equals("host-first")) {
      OrtEnvironment.getEnvironment();
    }
    Path file = OnnxTestModels.write(model, dir.resolve("m.onnx"));
    Path broken = Files.write(dir.resolve("broken.onnx"), new byte[] {8, 1, 42, 3, 1, 2});
    try (MlOps mlops = MlOps.builder().uri(dir.resolve("store").toUri()).build()) {
      mlops.models().register(ModelSpec.builder().model("m").artifact(file, ModelFormat.ONNX).build());
      mlops.models().moveAliases("m", Map.of("live", 1), "tester", "test");
      try (ModelHandle handle = mlops.models().load("m@live")) {
        float[] row = handle.predict(Tensor.ofFloats(new float[][] {{1f, 2f}})).first().floatRows()[0];
        System.out.println("PREDICTED " + row.length);
      }
      try {
        mlops.models().register(ModelSpec.builder().model("b").artifact(broken, ModelFormat.ONNX).build());
      } catch (InvalidModelException expected) {
        System.out.println("REFUSED");
      }
    }
  }
}
