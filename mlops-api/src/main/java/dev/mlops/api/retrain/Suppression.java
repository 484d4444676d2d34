package dev.mlops.api.retrain;

/** What held back a retrain the triggers asked for, in the order the policy checks them. */
public enum Suppression {
  /**
   * The policy already fired for this episode and waits until the triggers fall past their exit
   * thresholds before it can fire again.
   */
  HYSTERESIS,
  /** The triggers have not yet asked in the configured number of consecutive windows. */
  CONSECUTIVE_WINDOWS,
  /** The last retrain is more recent than the cooldown. */
  COOLDOWN,
  /** The budget of retrains per period is used up. */
  BUDGET,
  /** Too few new labelled rows to train on. */
  NEW_DATA
}
