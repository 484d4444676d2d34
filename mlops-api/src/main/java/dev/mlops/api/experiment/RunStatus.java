package dev.mlops.api.experiment;

/** Where a run is in its life. */
public enum RunStatus {
  /** Started and still sending heartbeats. */
  RUNNING,
  /** Closed normally. */
  FINISHED,
  /** Closed after an exception escaped, or marked failed by the caller. */
  FAILED,
  /** Its process stopped sending heartbeats (it died); marked by the next reader after a timeout. */
  KILLED;

  /**
   * Tells whether the run has ended.
   *
   * @return {@code true} for every status but {@link #RUNNING}
   */
  public boolean isTerminal() {
    return this != RUNNING;
  }
}
