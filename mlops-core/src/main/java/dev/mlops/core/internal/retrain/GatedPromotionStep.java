package dev.mlops.core.internal.retrain;

import dev.mlops.api.GateFailedException;
import dev.mlops.api.registry.AliasPolicy;
import dev.mlops.api.registry.ModelRegistry;
import dev.mlops.api.registry.ModelVersion;
import dev.mlops.api.registry.PromotionRequest;
import dev.mlops.api.retrain.Retraining;
import dev.mlops.api.retrain.StepAction;
import dev.mlops.api.retrain.StepContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The promote step of {@link Retraining#promoteThroughGate}: asks the registry to move a protected,
 * gated alias, so the registry's gate (usually the Validator's) decides, never the pipeline. A
 * refusal is an outcome, recorded with the gate's reasons, not a failure: the run completes and is
 * not retried by a host that resumes unfinished runs.
 */
final class GatedPromotionStep implements StepAction {
  private final ModelRegistry registry;
  private final String alias;
  private final String requester;

  GatedPromotionStep(ModelRegistry registry, String alias, String requester) {
    this.registry = registry;
    this.alias = alias;
    this.requester = requester;
  }

  @Override
  public Map<String, String> run(StepContext context) {
    ModelVersion candidate = registry.resolve(context.value(Retraining.PROMOTE_MODEL));
    requireGated(candidate.model());
    // The marker makes the step idempotent: a step that crashed after the registry recorded its
    // request finds that request again instead of asking (and moving the alias) a second time.
    String marker = "retrain run " + context.runId();
    Optional<PromotionRequest> earlier = registry.promotions(candidate.model()).stream()
        .filter(r -> r.alias().equals(alias) && r.version() == candidate.version()
            && r.requester().equals(requester) && r.reason().endsWith("(" + marker + ")"))
        .reduce((first, second) -> second);
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("alias", candidate.model() + "@" + alias);
    if (earlier.isPresent()) {
      return requested(outputs, earlier.get());
    }
    try {
      return requested(outputs, registry.requestPromotion(candidate.model(), alias,
          candidate.version(), requester, "retrained " + candidate + " (" + marker + ")"));
    } catch (GateFailedException refused) {
      outputs.put("promotion.status", Retraining.REFUSED);
      outputs.put("promotion.reason", refused.getMessage());
      return outputs;
    }
  }

  private void requireGated(String model) {
    AliasPolicy policy = registry.policies(model).get(alias);
    if (policy == null || !policy.requireGate()) {
      throw new GateFailedException("alias '" + alias + "' of model '" + model + "' is "
          + (policy == null ? "not protected" : "protected without the gate")
          + ", so a pipeline would promote without validation; protect it with"
          + " ModelRegistry.protect(model, alias, AliasPolicy.gateAndApprovals(n)) and store its gate"
          + " with ModelRegistry.setGate(...)");
    }
  }

  private static Map<String, String> requested(Map<String, String> outputs, PromotionRequest request) {
    outputs.put("promotion", request.id());
    outputs.put("promotion.status", request.status().name());
    return outputs;
  }
}
