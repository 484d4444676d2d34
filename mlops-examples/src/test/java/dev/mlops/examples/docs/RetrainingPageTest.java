package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.dataset.CommitRequest;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
import dev.mlops.api.experiment.InputRole;
import dev.mlops.api.experiment.Run;
import dev.mlops.api.experiment.RunSpec;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ChampionRule;
import dev.mlops.api.registry.GateData;
import dev.mlops.api.registry.GateSpec;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.BacktestReport;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.RequestStatus;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainRequest;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.Trigger;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of docs/retraining.md: each region between {@code // snippet:NAME} and
 * {@code // end:NAME} is shown on the page (DocsSnippetsTest keeps the two equal) and runs here.
 */
@DisplayName("docs/retraining.md")
class RetrainingPageTest {
  private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

  @TempDir Path dir;
  /** The store the host's pipeline steps below work on. */
  private MlOps host;

  /** One day of the host's monitoring: what the quick start's loop reads. */
  record Window(Instant end, DriftReport driftReport, double aucOnDelayedLabels,
      double lostPaymentsChange, long labelledSinceTraining) {}

  @Test
  @DisplayName("the quick start fires on the third window with a low AUC and runs the pipeline")
  void quickStart() {
    URI storeUri = dir.resolve("store").toUri();
    List<RetrainDecision> decisions = new ArrayList<>();
    try (MlOps setup = MlOps.open(storeUri)) {
      // Features unchanged (drift.share 0, so the default rule automates), AUC down to 0.75.
      Sample same = Sample.builder().numeric("tenure", new double[] {1, 2, 3, 4, 5, 6, 7, 8}).build();
      DriftReport noDrift = setup.drift().compare(same, same, DriftConfig.ofDefaults());
      List<Window> windows = List.of(
          new Window(MONDAY, noDrift, 0.75, 0.01, 6_000),
          new Window(MONDAY.plus(Duration.ofDays(1)), noDrift, 0.74, 0.02, 7_000),
          new Window(MONDAY.plus(Duration.ofDays(2)), noDrift, 0.74, 0.02, 8_000));
      RetrainPipeline pipeline = RetrainPipeline.builder("retrain-churn")
          .step("train", c -> Map.of("model", "churn/" + c.runId()))
          .build();
      Map<String, String> inputs = Map.of("dataset", "customers@main");

      // snippet:retraining-quick-start
      try (MlOps mlops = MlOps.open(storeUri)) {
        RetrainPolicyConfig config = RetrainPolicyConfig.builder()
            .name("churn")
            .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2))  // enter 0.3, exit 0.2
            .trigger(Trigger.when("metric.auc", Comparison.BELOW, 0.80))
            .trigger(Trigger.when("kpi.lost_payments", Comparison.AT_LEAST, 0.10))
            .atLeast(1)                          // any; .all() or .atLeast(k)
            .consecutiveWindows(3)
            .cooldown(Duration.ofDays(2))
            .budget(2, Duration.ofDays(30))      // at most 2 retrains in any 30 days
            .minNewLabelledRows(5_000)
            .build();                            // automation: the default rule (see below)

        RetrainPolicy policy = mlops.retraining().policy(config,
            decision -> mlops.retraining().run(pipeline, "churn-" + decision.seq(), inputs));

        // once per window (e.g. every day, after the drift report and the delayed labels are in)
        for (Window window : windows) {
          RetrainDecision d = policy.evaluate(RetrainSignals.builder(window.end())
              .drift(window.driftReport())        // drift.share and drift.<column> = statistic
              .metric("auc", 0.86, window.aucOnDelayedLabels())  // metric.auc and metric.auc.drop
              .signal("kpi.lost_payments", window.lostPaymentsChange())
              .newLabelledRows(window.labelledSinceTraining())
              .build());
          decisions.add(d);
        }
      }
      // end:retraining-quick-start
    }
    assertEquals(List.of(false, false, true), decisions.stream().map(RetrainDecision::fired).toList());
    assertEquals(Automation.AUTO, decisions.get(2).automation().orElseThrow());
    try (MlOps mlops = MlOps.open(storeUri)) {
      PipelineRun run = mlops.retraining()
          .pipelineRun("retrain-churn", "churn-" + decisions.get(2).seq()).orElseThrow();
      assertTrue(run.completed(), run.toString());
      assertEquals(3, mlops.retraining().decisions("churn", MONDAY, MONDAY.plus(Duration.ofDays(3)))
          .size());
    }
  }

  @Test
  @DisplayName("requests are listed, approved and rejected by name, and the approved one runs")
  void approvals() {
    List<String> retrained = new ArrayList<>();
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      RetrainPolicy policy = mlops.retraining().policy(RetrainPolicyConfig.builder().name("churn")
              .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.3))
              .consecutiveWindows(1).cooldown(Duration.ZERO).automation(Automation.APPROVAL)
              .build(),
          decision -> retrained.add(decision.requestId().orElseThrow()));
      double[] shares = {0.5, 0.0, 0.6};  // two episodes: two requests
      for (int hour = 0; hour < shares.length; hour++) {
        policy.evaluate(RetrainSignals.builder(MONDAY.plus(Duration.ofHours(hour)))
            .signal("drift.share", shares[hour]).build());
      }
      List<RetrainRequest> pending = mlops.retraining().requests();
      assertEquals(2, pending.size());
      String first = pending.get(0).id();
      String second = pending.get(1).id();

      // snippet:retraining-approvals
      Retraining r = mlops.retraining();
      r.requests();                                  // every request, oldest first
      r.approve(first, "alice@example.com", "explored: new customer segment, retrain");
      r.reject(second, "bob", "upstream ETL bug, not drift");
      policy.runApproved();                          // also done at the start of every evaluate()
      // end:retraining-approvals

      assertEquals(List.of(first), retrained);
      assertEquals(RequestStatus.REJECTED, r.request(second).status());
    }
  }

  @Test
  @DisplayName("the pipeline prepares, trains, registers and validates, and promotes through the stored gate")
  void pipelines() throws IOException {
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      host = mlops;
      ModelRegistry models = mlops.models();
      for (int i = 0; i < 6; i++) {   // earlier versions: the retrained one is churn/7, as on the page
        models.register(ModelSpec.builder().model("churn").artifact(onnx(new float[] {-0.5f, 0.5f, 0.5f},
            "earlier-" + i), ModelFormat.ONNX).build());
      }
      models.moveAliases("churn", Map.of("production", 6), "ana", "the champion so far");
      mlops.datasets().commit(CommitRequest.builder().dataset("customers")
          .add("holdout.csv", Files.writeString(dir.resolve("holdout.csv"), ChurnRows.csv(1000, 11))).build());
      GateSpec churnGate = new GateSpec(churnSuite(),
          new GateData("customers@main", "holdout.csv", "churned"), ChampionRule.CHAMPION_IS_BASELINE);

      // snippet:retraining-pipeline
      ModelRegistry registry = mlops.models();
      registry.protect("churn", "production", AliasPolicy.gateAndApprovals(0));  // once
      registry.setGate("churn", "production", churnGate, "ana");                 // once: the stored gate
      // or, for the report the "validate" step stores, an extra gate given when MlOps is built:
      // MlOps.builder().promotionGate(m -> m.validator().promotionGate(Optional.of("churn-gate")))

      RetrainPipeline pipeline = RetrainPipeline.builder("retrain-churn")
          .step("prepare", c -> Map.of("dataset", snapshotTrainingData(c.runId())))
          .step("train", c -> Map.of("run", train(c.value("dataset"), c.runId())))
          .step("register", c -> Map.of("model", register(c.value("run"), c.runId())))        // "churn/7"
          .step("validate", c -> Map.of("validation", validate(c.value("model")).id()))      // report linked to churn/7
          .step("promote", mlops.retraining().promoteThroughGate(registry, "production", "retrain-bot"))
          .build();
      PipelineRun run = mlops.retraining().run(pipeline, "churn-42", Map.of("trigger", "churn-42"));
      // end:retraining-pipeline

      assertTrue(run.completed(), run.toString());
      Map<String, String> promoted = run.steps().get(4).outputs();
      assertEquals("APPROVED", promoted.get("promotion.status"), promoted.toString());
      assertEquals("churn/7", run.steps().get(2).outputs().get("model"));
      ModelVersion production = registry.resolve("churn@production");
      assertEquals(7, production.version());
      // The lineage each step recorded: dataset version -> run -> model version -> report.
      String dataset = run.steps().get(0).outputs().get("dataset");
      assertEquals(Optional.of(run.steps().get(1).outputs().get("run")), production.lineage().runId());
      assertEquals(List.of(dataset), production.lineage().datasets().stream().map(Object::toString).toList());
      ValidationReport report = mlops.validator().report(run.steps().get(3).outputs().get("validation"));
      assertTrue(report.passed(), report.toString());
      assertTrue(mlops.validator().reportsFor("churn/7").contains(report.id()));
      AliasMove move = registry.aliasHistory("churn", "production").get(1);
      assertEquals(List.of(6, 7, "retrain-bot", 1), List.of(move.from().getAsInt(), move.to().getAsInt(),
          move.actor(), move.gate().getAsInt()), "the stored gate, version 1, decided");
    }
  }

  /** The page's gate suite: accuracy on the holdout rows. */
  private static ValidationSuite churnSuite() {
    return ValidationSuite.builder().name("churn-gate").require("accuracy", Comparison.AT_LEAST, 0.85).build();
  }

  /** The host's prepare step: this run's fresh labelled rows, committed as a dataset version. */
  private String snapshotTrainingData(String runId) throws IOException {
    Path rows = Files.writeString(dir.resolve(runId + ".csv"), ChurnRows.csv(500, runId.hashCode()));
    return host.datasets().commit(CommitRequest.builder().dataset("churn-training").add("train.csv", rows)
        .message("training rows for " + runId).build()).ref().toString();
  }

  /**
   * The host's train step: per feature, the difference of the class means (read back from the
   * dataset version) as the weight of class 1, fitted in a logged run, written as ONNX.
   */
  private String train(String dataset, String runId) throws IOException {
    double[] sum1 = new double[3];
    double[] sum0 = new double[3];
    int n1 = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        host.datasets().open(dataset, "train.csv"), StandardCharsets.UTF_8))) {
      in.readLine();
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine(), n++) {
        String[] cells = line.split(",");
        boolean churned = cells[3].equals("1");
        n1 += churned ? 1 : 0;
        for (int f = 0; f < 3; f++) {
          (churned ? sum1 : sum0)[f] += Double.parseDouble(cells[f]);
        }
      }
      float[] weights = new float[3];
      for (int f = 0; f < 3; f++) {
        weights[f] = (float) (4 * (sum1[f] / n1 - sum0[f] / (n - n1)));
      }
      try (Run run = host.experiments().start(RunSpec.builder().experiment("churn").name(runId)
          .input(InputRole.TRAIN, host.datasets().resolve(dataset).ref()).build())) {
        run.log("w0", weights[0]);
        onnx(weights, runId);
        return run.id();
      }
    }
  }

  /** The host's register step: the ONNX file its train step wrote, with the run as lineage. */
  private String register(String runId, String pipelineRunId) {
    return host.models().register(ModelSpec.builder().model("churn")
        .artifact(dir.resolve(pipelineRunId + ".onnx"), ModelFormat.ONNX).run(runId).build()).toString();
  }

  /** The host's validate step: the suite on the holdout rows, the report linked to the version. */
  private ValidationReport validate(String model) throws IOException {
    Path copy = host.models().checkout(model, dir.resolve("validate-" + model.replace('/', '-') + ".onnx"));
    float[][] features;
    double[] labels;
    List<String> lines = Files.readAllLines(dir.resolve("holdout.csv"));
    features = new float[lines.size() - 1][3];
    labels = new double[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      for (int f = 0; f < 3; f++) {
        features[i - 1][f] = Float.parseFloat(cells[f]);
      }
      labels[i - 1] = Double.parseDouble(cells[3]);
    }
    return host.validator().validate(ValidationRequest.builder().suite(churnSuite())
        .candidateModel(OnnxModel.of(Files.readAllBytes(copy), model))
        .data(LabelledData.of(features, labels)).model(model).build());
  }

  /** Writes a logistic regression whose class 1 scores x . weights (class 0 scores 0). */
  private Path onnx(float[] weights, String name) {
    float[][] matrix = new float[weights.length][2];
    for (int f = 0; f < weights.length; f++) {
      matrix[f][1] = weights[f];
    }
    return OnnxTestModels.write(OnnxTestModels.logisticRegression(matrix, new float[2]),
        dir.resolve(name + ".onnx"));
  }

  @Test
  @DisplayName("a backtest finds the one change with no false alarm")
  void backtest() {
    RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("churn")
        .trigger(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2)).consecutiveWindows(1)
        .build();
    List<RetrainSignals> windows = new ArrayList<>();
    for (int hour = 0; hour < 30; hour++) {
      windows.add(RetrainSignals.builder(MONDAY.plus(Duration.ofHours(hour)))
          .signal("drift.share", hour < 10 ? 0.05 : 0.5).build());
    }
    List<Instant> trueChangePoints = List.of(MONDAY.plus(Duration.ofHours(10)));
    try (MlOps mlops = MlOps.local(dir.resolve("store"))) {
      // snippet:retraining-backtest
      BacktestReport report = mlops.retraining().backtest(config, windows, trueChangePoints);
      report.retrains();        // when it would have fired
      report.detections();      // per true change: first fire at or after it, before the next change; delay
      report.falseAlarms();     // fires that are not the first after a change
      report.missed();          // changes with no fire before the next change
      report.timeUnderDrift();  // sum over changes of (detection or next change or last window) − change
      // end:retraining-backtest
      assertEquals(trueChangePoints, report.retrains());
      assertEquals(Duration.ZERO, report.detections().get(0).delay().orElseThrow());
      assertEquals(0, report.falseAlarms());
      assertEquals(0, report.missed());
      assertEquals(Duration.ZERO, report.timeUnderDrift());
    }
  }
}
