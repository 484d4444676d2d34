package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The recorded outcome of one policy evaluation, fired or not, with its evidence.
 *
 * @param policy the policy's name
 * @param at the window's end
 * @param fired whether the policy decided to retrain
 * @param automation how the retrain proceeds when fired
 * @param evidence each trigger's value and state
 * @param suppressedBy what held back a retrain the triggers asked for (cooldown, budget,
 *     consecutive windows, too little new data), if anything
 */
public record RetrainDecision(
    String policy,
    Instant at,
    boolean fired,
    Automation automation,
    List<TriggerEvaluation> evidence,
    Optional<String> suppressedBy) {
  /**
   * Creates the value; {@code evidence} is copied.
   *
   * @param policy the policy
   * @param at when
   * @param fired whether fired
   * @param automation the automation level
   * @param evidence the evidence
   * @param suppressedBy the suppression reason, or empty
   */
  public RetrainDecision {
    requireNonNull(policy, "policy");
    requireNonNull(at, "at");
    requireNonNull(automation, "automation");
    requireNonNull(suppressedBy, "suppressedBy");
    evidence = List.copyOf(evidence);
  }
}
