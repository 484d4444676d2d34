package dev.mlops.api.retrain;

/** How much of a retrain happens without a person. */
public enum Automation {
  /** Run the retraining pipeline now. */
  AUTO,
  /** Create a pending request, with the evidence, that a person approves or rejects. */
  APPROVAL,
  /** Record and notify only. */
  NOTIFY
}
