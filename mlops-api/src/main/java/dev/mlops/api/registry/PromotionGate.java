package dev.mlops.api.registry;

/**
 * Decides whether a model version may take a protected alias. The Validator plugs in here (a
 * passing stored report for the version); hosts can add their own gates. Implementations must be
 * thread-safe and must not move aliases themselves.
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
