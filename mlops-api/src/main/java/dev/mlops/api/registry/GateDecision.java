package dev.mlops.api.registry;

import java.util.List;

/**
 * A promotion gate's answer for one candidate.
 *
 * @param passed whether the candidate may take the alias
 * @param reasons what the gate checked and, when it refused, what is still required
 */
public record GateDecision(boolean passed, List<String> reasons) {
  /**
   * Creates the value; {@code reasons} is copied.
   *
   * @param passed whether it passed
   * @param reasons explanations
   */
  public GateDecision {
    reasons = List.copyOf(reasons);
  }

  /**
   * Returns a passing decision.
   *
   * @param reason what was checked
   * @return the decision
   */
  public static GateDecision pass(String reason) {
    return new GateDecision(true, List.of(reason));
  }

  /**
   * Returns a refusing decision.
   *
   * @param reason what is still required
   * @return the decision
   */
  public static GateDecision fail(String reason) {
    return new GateDecision(false, List.of(reason));
  }
}
