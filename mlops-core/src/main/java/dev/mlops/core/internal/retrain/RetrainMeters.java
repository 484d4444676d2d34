package dev.mlops.core.internal.retrain;

import dev.mlops.api.retrain.RetrainDecision;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The policy's meters: {@code mlops.retrain.evaluations}, {@code mlops.retrain.fires} (by
 * automation level), {@code mlops.retrain.suppressions} (by reason) and
 * {@code mlops.retrain.action.failures}, each tagged with the policy.
 */
final class RetrainMeters {
  private final MeterRegistry registry;
  private final String policy;

  RetrainMeters(MeterRegistry registry, String policy) {
    this.registry = registry;
    this.policy = policy;
  }

  void record(RetrainDecision decision) {
    registry.counter("mlops.retrain.evaluations", "policy", policy).increment();
    decision.automation().ifPresent(level ->
        registry.counter("mlops.retrain.fires", "policy", policy, "automation", level.name()).increment());
    decision.suppressedBy().ifPresent(reason ->
        registry.counter("mlops.retrain.suppressions", "policy", policy, "reason", reason.name()).increment());
  }

  void actionFailed() {
    registry.counter("mlops.retrain.action.failures", "policy", policy).increment();
  }
}
