package dev.mlops.server.ui;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.dataset.TableSource;
import dev.mlops.api.dataset.ViewRequest;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.MlOps;
import dev.mlops.core.testing.OnnxTestModels;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A store with something of every concern, written through the public API as a host would: a
 * dataset with a table (so it has profiles) and a view, a sweep of runs with curves and artifacts
 * (text, CSV, PNG), a run in another experiment, a model with a protected alias and a pending
 * promotion request, a free alias, and a retrain policy with decisions and a pending request.
 * Values that hold HTML and script (a param, a tag, a reason, a commit message) check escaping;
 * run names cannot (the API's name rule refuses {@code <}), so they are not where HTML goes.
 */
final class UiFixture {
  static final String INJECTED = "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">";
  static final float[][] WEIGHTS = {{1f, -1f}, {0.5f, 2f}, {-0.25f, 0f}};
  static final double[] LEARNING_RATES = {0.1, 0.03, 0.01};
  static final int STEPS = 120;

  final List<String> sweep = new ArrayList<>();
  String otherRun;
  String pendingPromotion;
  String reportId;
  DatasetRef firstData;

  /** The loss a sweep run logs at a step: the test recomputes it from this formula. */
  static double loss(double learningRate, int step) {
    return 1.0 / (1.0 + learningRate * step) + 0.01 * Math.sin(step);
  }

  static UiFixture write(MlOps mlops, Path dir) throws IOException {
    UiFixture fixture = new UiFixture();
    fixture.writeAll(mlops, dir);
    return fixture;
  }

  private void writeAll(MlOps mlops, Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("date,temp,city\n");
    for (int i = 0; i < 400; i++) {
      csv.append("d").append(i).append(',').append((i * 7) % 45 - 5).append(',').append(i % 3 == 0 ? "Oslo" : "Paris")
          .append('\n');
    }
    Path table = Files.writeString(dir.resolve("weather.csv"), csv);
    firstData = mlops.datasets().commit(CommitRequest.builder().dataset("weather").message("first readings " + INJECTED)
        .add("README.txt", Files.writeString(dir.resolve("README.txt"), "daily readings"))
        .addTable("table", new TableSource.FromCsv(table, Optional.empty())).build()).ref();
    mlops.datasets().commit(CommitRequest.builder().dataset("weather").message("more readings")
        .add("README.txt", Files.writeString(dir.resolve("README2.txt"), "daily readings, two cities")).build());
    mlops.datasets().commitView(ViewRequest.builder().dataset("warm").from(firstData.toString())
        .columns(List.of("date", "temp")).where("temp > 20").build());

    Path notes = Files.writeString(dir.resolve("notes.txt"), "trained on weather " + INJECTED);
    Path metricsCsv = Files.writeString(dir.resolve("per-class.csv"), "class,precision\nrain,0.91\n\"sun, mostly\",0.88\n");
    Path png = dir.resolve("curve.png");
    BufferedImage image = new BufferedImage(60, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 60, 30);
    g.setColor(Color.BLUE);
    g.drawLine(0, 29, 59, 0);
    g.dispose();
    ImageIO.write(image, "png", png.toFile());
    Path model = OnnxTestModels.write(OnnxTestModels.logisticRegression(WEIGHTS, new float[] {0.1f, -0.2f}),
        dir.resolve("model.onnx"));

    for (int i = 0; i < LEARNING_RATES.length; i++) {
      double lr = LEARNING_RATES[i];
      try (Run run = mlops.experiments().start(RunSpec.builder().experiment("sweep").name("lr-" + lr)
          .param("lr", Double.toString(lr)).param("note", i == 0 ? INJECTED : "plain")
          .tag("owner", i == 0 ? INJECTED : "ana").input(InputRole.TRAIN, firstData).build())) {
        for (int step = 0; step < STEPS; step++) {
          run.log("loss", loss(lr, step), step);
        }
        run.log("accuracy", 0.8 + lr, STEPS);
        run.artifact("notes.txt", notes);
        run.artifact("eval/per-class.csv", metricsCsv);
        run.artifact("plots/curve.png", png);
        sweep.add(run.id());
      }
    }
    try (Run run = mlops.experiments().start(RunSpec.builder().experiment("baseline").name("majority-class")
        .param("lr", "0").build())) {
      run.log("accuracy", 0.61, 0);
      otherRun = run.id();
    }

    mlops.models().register(ModelSpec.builder().model("rain").run(sweep.get(0)).description("first try")
        .artifact(model, ModelFormat.ONNX).build());
    mlops.models().register(ModelSpec.builder().model("rain").run(sweep.get(2)).description("lower learning rate")
        .artifact(model, ModelFormat.ONNX).build());
    mlops.models().moveAliases("rain", Map.of("production", 1), "ana", "first release");
    mlops.models().moveAliases("rain", Map.of("staging", 2), "ana", "try it");
    mlops.models().protect("rain", "production", new AliasPolicy(false, 1, AliasPolicy.DEFAULT_EXPIRY));
    float[][] features = new float[100][];
    double[] labels = new double[features.length];
    java.util.Random random = new java.util.Random(3);
    for (int i = 0; i < features.length; i++) {
      features[i] = new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat()};
      labels[i] = OnnxTestModels.expected(WEIGHTS, new float[] {0.1f, -0.2f}, features[i])[1] >= 0.5 ? 1 : 0;
    }
    reportId = mlops.validator().validate(ValidationRequest.builder()
        .suite(ValidationSuite.builder().name("release").require("accuracy", Comparison.AT_LEAST, 0.9).build())
        .candidate(rows -> java.util.Arrays.stream(rows)
            .map(row -> OnnxTestModels.expected(WEIGHTS, new float[] {0.1f, -0.2f}, row)).toArray(float[][]::new))
        .data(LabelledData.of(features, labels)).model("rain/2").build()).id();
    pendingPromotion = mlops.models().requestPromotion("rain", "production", 2, "bob", "better loss " + INJECTED).id();

    RetrainPolicy policy = mlops.retrainPolicy(RetrainPolicyConfig.builder().name("rain-retrain")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2)).build());
    Instant start = mlops.clock().instant().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(6));
    for (int day = 0; day < 6; day++) {
      policy.evaluate(RetrainSignals.builder(start.plus(Duration.ofDays(day)))
          .signal("drift.share", 0.05 + 0.07 * day).build());
    }
  }
}
