package dev.mlops.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.drift.DriftConfig;
import dev.mlops.api.drift.DriftReport;
import dev.mlops.api.drift.Sample;
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
import dev.mlops.core.MlOps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      report.detections();      // per true change: first fire at or after it, before the next; delay
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
