package dev.mlops.examples;

import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelHandle;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.Tensor;
import dev.mlops.core.MlOps;
import dev.mlops.examples.WeatherData.Day;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The registry example of docs/guide.md: register an ONNX model, point an alias at it, serve it. */
public final class ServeAModel {
  private ServeAModel() {}

  /**
   * Trains a small weather model, registers it, moves {@code staging} to it and predicts a week.
   *
   * @param args the store's directory, else {@code ./.mlops}
   * @throws IOException if the temporary ONNX file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path directory = Path.of(args.length > 0 ? args[0] : ".mlops");
    List<Day> days = WeatherData.load();
    Path onnx = WeatherTrainer.exportOnnx(WeatherTrainer.train(WeatherTrainer.SWEEP.get(2), 10,
        WeatherData.years(days, 2012, 2012)), Files.createTempFile("weather", ".onnx"));
    float[][] week = days.subList(days.size() - 7, days.size()).stream()
        .map(WeatherTrainer::features).toArray(float[][]::new);
    // snippet:serve-a-model
    try (MlOps mlops = MlOps.local(directory)) {
      ModelRegistry models = mlops.models();
      ModelVersion version = models.register(ModelSpec.builder()
          .model("weather").artifact(onnx, ModelFormat.ONNX)
          .description("logistic regression trained on 2012").build());
      models.moveAliases("weather", Map.of("staging", version.version()), "me", "first try");
      try (ModelHandle handle = models.load("weather@staging")) {   // follows the alias
        float[][] probabilities = handle.predict(Tensor.ofFloats(week)).first().floatRows();
        System.out.println("version " + handle.version().version() + ": "
            + probabilities.length + " rows of " + probabilities[0].length + " probabilities");
      }
      System.out.println(models.aliasHistory("weather", "staging"));
    }
    // end:serve-a-model
    Files.delete(onnx);
  }
}
