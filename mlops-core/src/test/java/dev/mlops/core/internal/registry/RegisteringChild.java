package dev.mlops.core.internal.registry;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child JVM of {@link KilledRegistrationCampaignTest}: {@code <store> <work dir> <first n>}
 * registers version after version of model {@code m} (the ONNX model
 * {@link #model(long)} of n, tagged {@code n}), printing {@code ACK <version> <n>} after each
 * registration returned, and moves the aliases {@code live} to it and {@code previous} to the one
 * before in one call, printing {@code MOVED <version>} after the move returned; {@code READY} after
 * the first move (so that the kill lands in the steady state, whatever the machine's load).
 */
public final class RegisteringChild {
  private RegisteringChild() {}

  public static void main(String[] args) {
    long first = Long.parseLong(args[2]);
    Path file = Path.of(args[1]).resolve("model-" + first + ".onnx");
    try (MlOps mlops = MlOps.local(Path.of(args[0]))) {
      for (long n = first; ; n++) {
        OnnxTestModels.write(
            OnnxTestModels.logisticRegression(RegistryFixture.WEIGHTS, bias(n)), file);
        ModelVersion version = mlops.models().register(ModelSpec.builder().model("m")
            .artifact(file, ModelFormat.ONNX).tag("n", Long.toString(n)).build());
        System.out.println("ACK " + version.version() + " " + n);
        Map<String, Integer> targets = version.version() == 1 ? Map.of("live", 1)
            : Map.of("live", version.version(), "previous", version.version() - 1);
        mlops.models().moveAliases("m", targets, "campaign", "n=" + n);
        System.out.println("MOVED " + version.version());
        if (n == first) {
          System.out.println("READY");
        }
      }
    }
  }

  /** The bias of model n: each n answers differently. */
  static float[] bias(long n) {
    return new float[] {RegistryFixture.BIAS[0] + n * 0.001f, RegistryFixture.BIAS[1] - n * 0.001f};
  }
}
