package dev.mlops.api.experiment;

/** What a run used a dataset version for. */
public enum InputRole {
  /** Data the model was fitted on. */
  TRAIN,
  /** Data used to tune or stop training. */
  VALIDATION,
  /** Held-out data used only to report final quality. */
  TEST
}
