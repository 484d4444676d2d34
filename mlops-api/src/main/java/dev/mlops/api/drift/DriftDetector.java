package dev.mlops.api.drift;

/**
 * Compares a current sample with a reference, column by column, with exact tests and distances;
 * and creates streaming change detectors. Thread-safe.
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
}
