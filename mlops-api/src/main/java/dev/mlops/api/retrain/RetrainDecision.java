package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The recorded outcome of one policy evaluation, fired or not, with its evidence.
 *
 * @param policy the policy's name
 * @param seq the decision's position in the policy's history, from 1 (in backtests, the
 *     window's position)
 * @param at the window's end
 * @param asked whether enough triggers were active for the policy to ask for a retrain
 * @param fired whether the policy decided to retrain
 * @param automation how the retrain proceeds; present only when fired
 * @param evidence each trigger's value, thresholds and state
 * @param newLabelledRows the window's new labelled rows
 * @param suppressedBy what held back a retrain the triggers asked for, if anything
 * @param requestId the approval request created for this decision, if any
 */
public record RetrainDecision(
    String policy,
    long seq,
    Instant at,
    boolean asked,
    boolean fired,
    Optional<Automation> automation,
    List<TriggerEvaluation> evidence,
    long newLabelledRows,
    Optional<Suppression> suppressedBy,
    Optional<String> requestId) {
  /**
   * Creates the value; {@code evidence} is copied.
   *
   * @param policy the policy
   * @param seq the sequence number
   * @param at when
   * @param asked whether the triggers asked
   * @param fired whether fired
   * @param automation the automation level, present exactly when fired
   * @param evidence the evidence
   * @param newLabelledRows new labelled rows
   * @param suppressedBy the suppression, or empty
   * @param requestId the request, or empty
   */
  public RetrainDecision {
    requireNonNull(policy, "policy");
    requireNonNull(at, "at");
    requireNonNull(automation, "automation");
    requireNonNull(suppressedBy, "suppressedBy");
    requireNonNull(requestId, "requestId");
    evidence = List.copyOf(evidence);
    if (fired != automation.isPresent()) {
      throw new IllegalArgumentException("a decision has an automation level exactly when it fired");
    }
    if (fired && suppressedBy.isPresent()) {
      throw new IllegalArgumentException("a fired decision cannot be suppressed");
    }
  }
}
