package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

/**
 * One trigger's part of the evidence of a decision.
 *
 * @param trigger the trigger
 * @param value the signal's value in the window (NaN if it was missing)
 * @param active whether the trigger was active after this window
 */
public record TriggerEvaluation(Trigger trigger, double value, boolean active) {
  /**
   * Creates the value.
   *
   * @param trigger the trigger
   * @param value the signal's value
   * @param active whether active
   */
  public TriggerEvaluation {
    requireNonNull(trigger, "trigger");
  }
}
