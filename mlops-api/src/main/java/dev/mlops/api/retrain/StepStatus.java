package dev.mlops.api.retrain;

/** Where a pipeline step stands in a run. */
public enum StepStatus {
  /** Not started yet. */
  PENDING,
  /** Started and not finished: running now, or interrupted by a crash. */
  STARTED,
  /** Finished; its outputs are recorded and it never runs again in this run. */
  COMPLETED,
  /** Its condition was false. */
  SKIPPED,
  /** It threw; it runs again when the run is resumed. */
  FAILED
}
