package dev.mlops.api.drift;

/**
 * Compares a current sample with a reference, column by column, with exact tests and distances;
 * and creates streaming change detectors. Thread-safe; the detectors it creates are not.
 */
public interface DriftDetector {
  /**
   * Compares every column the two samples share.
   *
   * @param reference the reference sample (for example the training data)
   * @param current the current sample (for example the last day of requests)
   * @param config methods, thresholds and the dataset drift share
   * @return per-column results and the dataset-level decision
   * @throws IllegalArgumentException if a column is empty in either sample or has different kinds
   */
  DriftReport compare(Sample reference, Sample current, DriftConfig config);

  /**
   * Creates a streaming change detector with its paper's default parameters.
   *
   * @param kind the detector
   * @return a new detector, not thread-safe
   */
  default ChangeDetector changeDetector(DetectorKind kind) {
    return changeDetector(kind, java.util.Map.of());
  }

  /**
   * Creates a streaming change detector; parameters not given keep their defaults (listed per
   * detector in {@code docs/drift.md}).
   *
   * @param kind the detector
   * @param params parameters by name, such as {@code delta} for ADWIN
   * @return a new detector, not thread-safe
   * @throws IllegalArgumentException for an unknown parameter or a value out of range
   */
  ChangeDetector changeDetector(DetectorKind kind, java.util.Map<String, Double> params);
}
