package dev.mlops.core;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Writes something of every concern to one store, for {@link EveryConcernSurvivesGcTest}: two
 * dataset versions (plain files, one large enough for many chunks, and a CSV table) with a tag and
 * a view, a run with params, metrics, a dataset input and two artifacts, two registered ONNX model
 * versions with an alias moved from one to the other, a validation report linked to the second,
 * a saved drift profile (saved over once, so the collection has garbage to delete), retrain
 * decisions with an approved request, and a completed pipeline run.
 */
final class EveryConcernWrites {
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final float[] BIAS_1 = {0.1f, -0.2f};
  static final float[] BIAS_2 = {0.3f, -0.4f};
  static final float[] ROW = {0.3f, -1.2f, 2.5f};

  /** What the test reads back and compares with what it wrote. */
  String runId;
  String reportId;
  byte[] profile;
  final Map<String, byte[]> sources = new java.util.LinkedHashMap<>();

  void write(MlOps mlops, Path dir) throws IOException {
    Path readme = source(dir, "README.txt", "weather readings, daily".getBytes());
    byte[] big = new byte[400 * 1024];
    new Random(7).nextBytes(big);
    Path raw = source(dir, "raw.bin", big);
    StringBuilder csv = new StringBuilder("date,temp,city\n");
    for (int i = 0; i < 500; i++) {
      csv.append("d").append(i).append(',').append((i * 7) % 45 - 5).append(',')
          .append(i % 2 == 0 ? "Oslo" : "Paris").append('\n');
    }
    Path table = source(dir, "table.csv", csv.toString().getBytes());
    DatasetRef v1 = mlops.datasets().commit(CommitRequest.builder().dataset("weather")
        .add("README.txt", readme).add("raw.bin", raw).averageChunkSize(16 * 1024)
        .addTable("table", new TableSource.FromCsv(table, Optional.empty())).build()).ref();
    mlops.datasets().tag(v1.toString(), "v1");
    byte[] grown = java.util.Arrays.copyOf(big, big.length + 64 * 1024);
    mlops.datasets().commit(CommitRequest.builder().dataset("weather").averageChunkSize(16 * 1024)
        .add("raw.bin", source(dir, "raw-v2.bin", grown)).build());
    mlops.datasets().commitView(ViewRequest.builder().dataset("hot").from("weather@v1")
        .columns(List.of("date", "temp")).where("temp > 20").build());

    byte[] model1 = OnnxTestModels.logisticRegression(WEIGHTS, BIAS_1);
    byte[] model2 = OnnxTestModels.logisticRegression(WEIGHTS, BIAS_2);
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("train")
        .param("lr", "0.1").input(InputRole.TRAIN, v1).build())) {
      runId = run.id();
      for (int i = 0; i < 1000; i++) {
        run.log("loss", 1.0 / (i + 1), i);
      }
      run.artifact("model.onnx", source(dir, "model-1.onnx", model1));
      run.artifact("notes.txt", source(dir, "notes.txt", "trained on weather@v1".getBytes()));
    }
    mlops.models().register(ModelSpec.builder().model("churn").run(runId)
        .artifact(source(dir, "churn-1.onnx", model1), ModelFormat.ONNX).build());
    mlops.models().register(ModelSpec.builder().model("churn")
        .artifact(source(dir, "churn-2.onnx", model2), ModelFormat.ONNX).build());
    mlops.models().moveAliases("churn", Map.of("production", 1), "tester", "first");
    mlops.models().moveAliases("churn", Map.of("production", 2), "tester", "better");

    float[][] features = new float[200][];
    double[] labels = new double[200];
    Random random = new Random(3);
    for (int i = 0; i < features.length; i++) {
      features[i] = new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()};
      float[] p = OnnxTestModels.expected(WEIGHTS, BIAS_2, features[i]);
      labels[i] = p[1] >= 0.5 ? 1 : 0;
    }
    reportId = mlops.validator().validate(ValidationRequest.builder()
        .suite(ValidationSuite.builder().name("gate").require("accuracy", Comparison.AT_LEAST, 0.9)
            .build())
        .candidate(rows -> java.util.Arrays.stream(rows)
            .map(r -> OnnxTestModels.expected(WEIGHTS, BIAS_2, r)).toArray(float[][]::new))
        .data(LabelledData.of(features, labels)).model("churn/2").build()).id();

    var drift = mlops.drift();
    drift.saveProfile("weather-ref", drift.profile(sample(1))); // saved over below: garbage
    profile = drift.profile(sample(2)).toBytes();
    drift.saveProfile("weather-ref", drift.readProfile(profile));

    RetrainPolicy policy = mlops.retrainPolicy(RetrainPolicyConfig.builder().name("weather")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2)).build());
    Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
    for (int day = 0; day < 3; day++) {
      policy.evaluate(RetrainSignals.builder(t0.plusSeconds(86_400L * day))
          .signal("drift.share", day == 2 ? 0.4 : 0.1).build());
    }
    mlops.retraining().requests().forEach(r -> mlops.retraining().approve(r.id(), "ops", "ok"));
    mlops.retraining().run(RetrainPipeline.builder("retrain-weather")
        .step("prepare", c -> Map.of("dataset", "weather@v1"))
        .step("train", c -> Map.of("run", runId)).build(), "run-1", Map.of("why", "drift"));
  }

  private static Sample sample(int seed) {
    return Sample.builder().numeric("temp", new Random(seed).doubles(2_000).toArray()).build();
  }

  private Path source(Path dir, String name, byte[] bytes) throws IOException {
    sources.put(name, bytes);
    return Files.write(dir.resolve(name), bytes);
  }
}
