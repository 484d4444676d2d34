package dev.mlops.api.drift;

/**
 * A streaming concept-drift detector (such as ADWIN, Page-Hinkley, DDM) fed one value at a time,
 * usually a model's error or a feature. {@link #update} is on the request path: it does not
 * allocate and never blocks. Not thread-safe unless the implementation says so.
 */
public interface ChangeDetector {
  /**
   * Feeds one observation.
   *
   * @param value the observation; NaN is ignored
   * @return the state after it
   */
  DetectorState update(double value);

  /**
   * Returns the state after the latest observation.
   *
   * @return the state
   */
  DetectorState state();

  /** Forgets everything seen, as after a retrain. */
  void reset();
}
