package dev.mlops.api.drift;

/** What a streaming change detector concluded after its latest observation. */
public enum DetectorState {
  /** No change. */
  STABLE,
  /** A change may be starting. */
  WARNING,
  /** A change was detected. */
  DRIFT
}
