package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.registry.GateDecision;
import dev.mlops.api.registry.Lineage;
import dev.mlops.api.registry.ModelFormat;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionGate;
import dev.mlops.api.validation.Predictor;
import dev.mlops.api.validation.ValidationRequest;
import dev.mlops.api.validation.ValidationSuite;
import dev.mlops.core.internal.storage.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The promotion gate accepts a passing report for exactly the candidate version. */
class ReportGateTest {
  private final InMemoryObjectStore store = InMemoryObjectStore.create();
  private final DefaultValidator validator = new DefaultValidator(store, Clock.systemUTC());
  private final ValidationSuite accuracy = ValidationSuite.builder().name("accuracy-gate")
      .require("accuracy", Comparison.AT_LEAST, 0.9).build();

  private void validate(ValidationSuite suite, Predictor model, String reference) {
    validator.validate(ValidationRequest.builder().suite(suite).candidate(model)
        .data(Fixtures.regions(300, 4)).model(reference).build());
  }

  static ModelVersion version(String model, int version) {
    return new ModelVersion(model, version, ModelFormat.ONNX, Optional.empty(),
        Lineage.NONE, Map.of(), Map.of(), "", Instant.EPOCH, 10);
  }

  @Test
  void aPassingReportForThatVersionOpensTheGateAndNoOtherVersion() {
    validate(accuracy, Fixtures.perfect(), "churn/3");
    PromotionGate gate = validator.promotionGate(Optional.empty());
    GateDecision three = gate.evaluate(version("churn", 3), "prod");
    assertTrue(three.passed(), three.reasons().toString());
    GateDecision four = gate.evaluate(version("churn", 4), "prod");
    assertFalse(four.passed());
    assertTrue(four.reasons().get(0).contains("no validation report"), four.reasons().toString());
    assertFalse(gate.evaluate(version("churn2", 3), "prod").passed());
  }

  @Test
  void theLatestReportDecidesSoALaterFailureWithdrawsAPass() {
    validate(accuracy, Fixtures.perfect(), "churn/5");
    validate(accuracy, Fixtures.poorOnRegionC(), "churn/5");
    GateDecision decision = validator.promotionGate(Optional.empty()).evaluate(version("churn", 5), "prod");
    assertFalse(decision.passed());
    assertTrue(decision.reasons().get(0).contains("accuracy >= 0.9"), decision.reasons().toString());
  }

  @Test
  void aGateForOneSuiteIgnoresReportsOfOtherSuites() {
    ValidationSuite other = ValidationSuite.builder().name("smoke")
        .require("accuracy", Comparison.AT_LEAST, 0.1).build();
    validate(other, Fixtures.poorOnRegionC(), "churn/6");
    assertFalse(validator.promotionGate(Optional.of("accuracy-gate"))
        .evaluate(version("churn", 6), "prod").passed());
    assertTrue(validator.promotionGate(Optional.of("smoke")).evaluate(version("churn", 6), "prod").passed());
  }
}
