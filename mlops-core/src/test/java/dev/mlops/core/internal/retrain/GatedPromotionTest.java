package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.GateFailedException;
import dev.mlops.api.dataset.DatasetRef;
import dev.mlops.api.experiment.RunInput;
import dev.mlops.api.registry.AliasMove;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelSpec;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.PipelineRun;
import dev.mlops.api.retrain.PipelineStepException;
import dev.mlops.api.retrain.RetrainDecision;
import dev.mlops.api.retrain.RetrainPipeline;
import dev.mlops.api.retrain.RetrainPolicy;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.RetrainSignals;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.StepAction;
import dev.mlops.api.retrain.StepRecord;
import dev.mlops.api.retrain.StepStatus;
import dev.mlops.api.retrain.Trigger;
import dev.mlops.api.validation.ValidationReport;
import dev.mlops.core.MlOps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retraining pipeline on the real registry, validator, dataset store and experiment logger, with
 * real ONNX models: its promote step ({@link Retraining#promoteThroughGate}) moves
 * {@code production} only through the registry's gate, so a retrained model that fails validation
 * is never promoted, and the records say why.
 */
@DisplayName("The gated promote step")
class GatedPromotionTest {
  private static final String PRODUCTION = "production";
  private static final Instant WINDOW = Instant.parse("2026-03-03T00:00:00Z");

  @TempDir Path work;
  private MlOps mlops;
  private ModelRegistry registry;
  private Retraining retraining;
  private ChurnPipeline churn;

  @BeforeEach
  void aChampionServesInProductionBehindTheValidatorsGate() {
    mlops = MlOps.builder().uri(URI.create("mem:gated-promotion-" + UUID.randomUUID()))
        .promotionGate(m -> m.validator().promotionGate(Optional.of(ChurnPipeline.SUITE))).build();
    registry = mlops.models();
    retraining = mlops.retraining();
    churn = new ChurnPipeline(mlops, work);
    // The model exists once the first run registered it: protect production just before its
    // first promotion, which then goes through the gate like every later one.
    PipelineRun first = retraining.run(churn.pipeline(c -> {
      registry.protect(ChurnPipeline.MODEL, PRODUCTION, AliasPolicy.gateAndApprovals(0));
      return gated().run(c);
    }), "initial", Map.of("labels", "as-recorded"));
    assertEquals("APPROVED", first.steps().get(4).outputs().get("promotion.status"), first.toString());
    assertEquals(1, registry.resolve(ChurnPipeline.MODEL + "@" + PRODUCTION).version());
  }

  @AfterEach
  void close() {
    mlops.close();
  }

  private StepAction gated() {
    return retraining.promoteThroughGate(registry, PRODUCTION, "retrain-bot");
  }

  /** A policy that retrains automatically on small drift (the default rule), running the pipeline. */
  private RetrainDecision driftFiresThePipeline(String labels) {
    RetrainPolicyConfig config = RetrainPolicyConfig.builder().name("churn-drift")
        .trigger(Trigger.when("drift.share", Comparison.AT_LEAST, 0.1)).build();
    RetrainPipeline pipeline = churn.pipeline(gated());
    RetrainPolicy policy = retraining.policy(config, decision -> retraining.run(pipeline,
        decision.policy() + "-" + decision.seq(), Map.of("labels", labels)));
    RetrainDecision decision = policy.evaluate(RetrainSignals.builder(WINDOW).signal("drift.share", 0.2).build());
    assertEquals(Optional.of(Automation.AUTO), decision.automation(), decision.toString());
    return decision;
  }

  private PipelineRun runOf(RetrainDecision decision) {
    return retraining.pipelineRun("retrain-churn", decision.policy() + "-" + decision.seq()).orElseThrow();
  }

  @Test
  @DisplayName("moves production to a retrained model that passes the suite, with its lineage recorded")
  void aGoodRetrainedModelIsPromotedThroughTheGate() {
    RetrainDecision decision = driftFiresThePipeline("as-recorded");

    PipelineRun run = runOf(decision);
    assertTrue(run.completed(), run.toString());
    StepRecord promote = run.steps().get(4);
    assertEquals(StepStatus.COMPLETED, promote.status());
    assertEquals("APPROVED", promote.outputs().get("promotion.status"));
    assertEquals("churn@production", promote.outputs().get("alias"));
    ModelVersion production = registry.resolve("churn@production");
    assertEquals(2, production.version());
    assertEquals("churn/2", promote.inputs().get("model"));

    // Lineage, as the promote step saw it and as each concern stored it.
    String dataset = promote.inputs().get("dataset");
    String runId = promote.inputs().get("run");
    ValidationReport report = mlops.validator().report(promote.inputs().get("validation"));
    assertTrue(report.passed(), report.toString());
    assertEquals(Optional.of("churn/2"), report.model());
    assertEquals(Optional.of(runId), production.lineage().runId());
    assertEquals(List.of(dataset), production.lineage().datasets().stream().map(DatasetRef::toString).toList());
    assertEquals(List.of(dataset), mlops.experiments().run(runId).orElseThrow().inputs().stream()
        .map(RunInput::dataset).map(DatasetRef::toString).toList());
    assertTrue(mlops.datasets().resolve(dataset).message().contains(run.runId()));

    List<AliasMove> history = registry.aliasHistory("churn", PRODUCTION);
    assertEquals(2, history.size());
    AliasMove last = history.get(1);
    assertEquals(1, last.from().getAsInt());
    assertEquals(2, last.to().getAsInt());
    assertEquals("retrain-bot", last.actor());
    assertTrue(last.reason().contains("retrain run " + run.runId()), last.reason());
    PromotionRequest request = registry.promotion(promote.outputs().get("promotion"));
    assertEquals(2, request.version());
  }

  @Test
  @DisplayName("leaves production alone when the retrained model fails validation, and says why")
  void aModelThatFailsValidationIsNeverPromoted() {
    RetrainDecision decision = driftFiresThePipeline("inverted");

    PipelineRun run = runOf(decision);
    assertTrue(run.completed(), "a refusal is an outcome, not a step to retry: " + run);
    StepRecord validate = run.steps().get(3);
    assertEquals("false", validate.outputs().get("passed"));
    StepRecord promote = run.steps().get(4);
    assertEquals(StepStatus.COMPLETED, promote.status());
    assertEquals(Retraining.REFUSED, promote.outputs().get("promotion.status"));
    assertFalse(promote.outputs().containsKey("promotion"));
    String why = promote.outputs().get("promotion.reason");
    assertTrue(why.contains(validate.outputs().get("validation")) && why.contains("accuracy >= 0.85"), why);
    ValidationReport report = mlops.validator().report(validate.outputs().get("validation"));
    assertTrue(report.checks().get(0).observed() < 0.2, "inverted weights: " + report);

    assertEquals(1, registry.resolve("churn@production").version());
    assertEquals(1, registry.aliasHistory("churn", PRODUCTION).size());
    assertTrue(registry.promotions("churn").stream().noneMatch(r -> r.version() == 2));
    GateFailedException forced = assertThrows(GateFailedException.class,
        () -> registry.requestPromotion("churn", PRODUCTION, 2, "ana", "force it"));
    assertTrue(forced.getMessage().contains("accuracy >= 0.85"), forced.getMessage());
    assertEquals(1, registry.resolve("churn@production").version());

    // The decision records why it retrained; its run id leads to the pipeline's record above.
    RetrainDecision recorded = retraining.lastDecision("churn-drift").orElseThrow();
    assertEquals(decision.seq(), recorded.seq());
    assertEquals(0.2, recorded.evidence().get(0).value());
    assertTrue(recorded.evidence().get(0).active());
  }

  @Test
  @DisplayName("resumed after a crash that followed the move, finds its request instead of moving twice")
  void aResumedPromoteStepDoesNotPromoteTwice() {
    StepAction gated = gated();
    RetrainPipeline crashing = churn.pipeline(c -> {
      Map<String, String> outputs = gated.run(c);
      if (c.attempt() == 1) {
        throw new IllegalStateException("process died after the registry recorded the move");
      }
      return outputs;
    });
    assertThrows(PipelineStepException.class,
        () -> retraining.run(crashing, "crashy", Map.of("labels", "as-recorded")));
    assertEquals(2, registry.resolve("churn@production").version());

    PipelineRun resumed = retraining.run(crashing, "crashy", Map.of("labels", "as-recorded"));

    assertEquals(2, resumed.steps().get(4).attempts());
    assertEquals("APPROVED", resumed.steps().get(4).outputs().get("promotion.status"));
    assertEquals(2, registry.aliasHistory("churn", PRODUCTION).size());
    assertEquals(1, registry.promotions("churn").stream().filter(r -> r.version() == 2).count());
  }

  @Test
  @DisplayName("records a pending request when the alias also needs a person's approval")
  void aPolicyWithApprovalsLeavesTheRequestPending() {
    registry.protect("churn", PRODUCTION, AliasPolicy.gateAndApprovals(1));

    PipelineRun run = retraining.run(churn.pipeline(gated()), "needs-approval", Map.of("labels", "as-recorded"));

    assertEquals("PENDING", run.steps().get(4).outputs().get("promotion.status"));
    assertEquals(1, registry.resolve("churn@production").version());
    registry.approve(run.steps().get(4).outputs().get("promotion"), "ana");
    assertEquals(2, registry.resolve("churn@production").version());
  }

  @Test
  @DisplayName("fails, moving nothing, when the alias is not gated")
  void anUngatedAliasIsAStepFailure() {
    registry.register(ModelSpec.builder().model("other")
        .artifact(registry.checkout("churn/1", work.resolve("copy.onnx")), ModelFormat.ONNX).build());
    RetrainPipeline pipeline = RetrainPipeline.builder("promote-other")
        .step("promote", retraining.promoteThroughGate(registry, "staging", "retrain-bot")).build();

    PipelineStepException e = assertThrows(PipelineStepException.class,
        () -> retraining.run(pipeline, "r1", Map.of("model", "other/1")));

    assertTrue(e.getCause() instanceof GateFailedException, e.toString());
    assertTrue(e.getMessage().contains("not protected") && e.getMessage().contains("gateAndApprovals"),
        e.getMessage());
    assertEquals(Map.of(), registry.aliases("other"));
  }
}
