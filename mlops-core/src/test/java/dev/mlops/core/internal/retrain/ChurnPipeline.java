package dev.mlops.core.internal.retrain;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.StepAction;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.OnnxModel;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A small but real retraining pipeline for tests: prepare commits fresh labelled rows as a dataset
 * version, train fits a linear classifier on that version (read back from the store) in a logged
 * run and writes it as ONNX, register links it to the run, validate runs a suite on held-out rows
 * and stores the report, promote is the registry-gated step under test (or another action).
 *
 * <p>The input {@code labels} is {@code as-recorded}, or {@code inverted}: an upstream bug that
 * flips every label, so training honestly learns inverted weights that the suite must catch.
 */
final class ChurnPipeline {
  static final String MODEL = "churn";
  static final String DATASET = "churn-rows";
  static final String SUITE = "churn-gate";
  static final double MIN_ACCURACY = 0.85;

  private final MlOps mlops;
  private final Path work;
  private final LabelledData holdout = rows(2000, 11);

  ChurnPipeline(MlOps mlops, Path work) {
    this.mlops = mlops;
    this.work = work;
  }

  static ValidationSuite suite() {
    return ValidationSuite.builder().name(SUITE)
        .require("accuracy", Comparison.AT_LEAST, MIN_ACCURACY).build();
  }

  RetrainPipeline pipeline(StepAction promote) {
    return RetrainPipeline.builder("retrain-churn")
        .step("prepare", c -> Map.of("dataset", prepare(c.runId(), c.value("labels"))))
        .step("train", c -> train(c.runId(), c.value("dataset")))
        .step("register", c -> Map.of("model", register(c.value("run"), c.value("onnx"))))
        .step("validate", c -> validate(c.value("model"), c.value("onnx")))
        .step("promote", promote)
        .build();
  }

  /**
   * Labelled rows: two standard normal features; the label is 1 when x0 + 0.3 noise is positive,
   * so a linear model on x0 reaches about 0.9 accuracy and its inverse about 0.1.
   */
  static LabelledData rows(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] features = new float[n][2];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      features[i][0] = (float) random.nextGaussian();
      features[i][1] = (float) random.nextGaussian();
      labels[i] = features[i][0] + 0.3 * random.nextGaussian() > 0 ? 1 : 0;
    }
    return LabelledData.of(features, labels);
  }

  private String prepare(String runId, String labels) throws IOException {
    LabelledData fresh = rows(500, runId.hashCode());
    StringBuilder csv = new StringBuilder("x0,x1,label\n");
    for (int i = 0; i < fresh.size(); i++) {
      double label = labels.equals("inverted") ? 1 - fresh.labels()[i] : fresh.labels()[i];
      csv.append(String.format(Locale.ROOT, "%s,%s,%d%n", fresh.features()[i][0], fresh.features()[i][1],
          (int) label));
    }
    Path file = Files.writeString(work.resolve(runId + ".csv"), csv);
    return mlops.datasets().commit(CommitRequest.builder().dataset(DATASET).add("rows.csv", file)
        .message("fresh labelled rows for " + runId + " (labels " + labels + ")").build()).ref().toString();
  }

  /** Class-mean difference as the weights of class 1: a tiny linear discriminant, fitted for real. */
  private Map<String, String> train(String runId, String dataset) throws IOException {
    double[] sum1 = new double[2];
    double[] sum0 = new double[2];
    int n1 = 0;
    int n0 = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        mlops.datasets().open(dataset, "rows.csv"), StandardCharsets.UTF_8))) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cells = line.split(",");
        boolean positive = cells[2].equals("1");
        double[] sum = positive ? sum1 : sum0;
        sum[0] += Double.parseDouble(cells[0]);
        sum[1] += Double.parseDouble(cells[1]);
        n1 += positive ? 1 : 0;
        n0 += positive ? 0 : 1;
      }
    }
    float[][] weights = new float[2][2];
    for (int f = 0; f < 2; f++) {
      weights[f][1] = (float) (4 * (sum1[f] / n1 - sum0[f] / n0));
    }
    DatasetRef ref = mlops.datasets().resolve(dataset).ref();
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment(MODEL).name(runId)
        .input(InputRole.TRAIN, ref).param("model", "mean-difference").build())) {
      Path onnx = OnnxTestModels.write(OnnxTestModels.logisticRegression(weights, new float[2]),
          work.resolve(runId + ".onnx"));
      run.log("w0", weights[0][1]);
      run.artifact("model.onnx", onnx);
      return Map.of("run", run.id(), "onnx", onnx.toString());
    }
  }

  /** Registers once per experiment run, so that a resumed step finds its version again. */
  private String register(String runId, String onnx) {
    Optional<ModelVersion> earlier = versions().stream()
        .filter(v -> v.lineage().runId().equals(Optional.of(runId))).findFirst();
    return earlier.orElseGet(() -> mlops.models().register(ModelSpec.builder().model(MODEL)
        .artifact(Path.of(onnx), ModelFormat.ONNX).run(runId).build())).toString();
  }

  private List<ModelVersion> versions() {
    return mlops.models().models().contains(MODEL) ? mlops.models().versions(MODEL) : new ArrayList<>();
  }

  private Map<String, String> validate(String model, String onnx) throws IOException {
    ValidationReport report = mlops.validator().validate(ValidationRequest.builder().suite(suite())
        .candidateModel(OnnxModel.of(Files.readAllBytes(Path.of(onnx)), model))
        .data(holdout).model(model).build());
    return Map.of("validation", report.id(), "passed", Boolean.toString(report.passed()));
  }
}
