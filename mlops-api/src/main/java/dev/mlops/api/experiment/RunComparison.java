package dev.mlops.api.experiment;

import java.util.List;
import java.util.Set;

/**
 * Runs side by side: the union of their param keys and metric keys, and which of those differ
 * between the runs (a key missing from some runs counts as different).
 *
 * @param runs the runs, in the order asked for
 * @param paramKeys every param key of any run, sorted
 * @param metricKeys every metric key of any run, sorted
 * @param differingParams param keys whose values are not all equal
 * @param differingMetrics metric keys whose latest values are not all equal
 */
public record RunComparison(List<RunInfo> runs, List<String> paramKeys, List<String> metricKeys,
    Set<String> differingParams, Set<String> differingMetrics) {
  /**
   * Creates the value; collections are copied.
   *
   * @param runs the runs
   * @param paramKeys param keys
   * @param metricKeys metric keys
   * @param differingParams differing param keys
   * @param differingMetrics differing metric keys
   */
  public RunComparison {
    runs = List.copyOf(runs);
    paramKeys = List.copyOf(paramKeys);
    metricKeys = List.copyOf(metricKeys);
    differingParams = Set.copyOf(differingParams);
    differingMetrics = Set.copyOf(differingMetrics);
  }
}
