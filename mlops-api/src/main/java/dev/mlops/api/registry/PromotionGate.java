package dev.mlops.api.registry;

/**
 * An extra rule, in Java, on whether a model version may take a protected alias, given once when
 * the registry is built ({@code MlOps.builder().promotionGate(...)}). It runs after the alias's
 * stored gate ({@link ModelRegistry#setGate}), which every client applies; this rule only applies in
 * the instances built with it. The Validator provides one ({@code Validator.promotionGate}: a
 * passing stored report for the version). Implementations must be thread-safe and must not move
 * aliases themselves.
 */
@FunctionalInterface
public interface PromotionGate {
  /** A gate that lets every candidate through. */
  PromotionGate OPEN = (candidate, alias) -> GateDecision.pass("no gate configured");

  /**
   * Evaluates a candidate.
   *
   * @param candidate the version that would take the alias
   * @param alias the alias it would take
   * @return the decision with its reasons
   */
  GateDecision evaluate(ModelVersion candidate, String alias);
}
