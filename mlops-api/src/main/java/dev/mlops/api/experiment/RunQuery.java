package dev.mlops.api.experiment;

import dev.mlops.api.Names;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which runs {@link ExperimentLogger#search} returns and in what order.
 *
 * @param experiment only runs of this experiment, or all
 * @param status only runs with this status, or all
 * @param orderByMetric sort by the latest value of this metric, or by start time
 * @param descending sort from largest to smallest
 * @param limit at most this many runs, or all
 */
public record RunQuery(
    Optional<String> experiment,
    Optional<RunStatus> status,
    Optional<String> orderByMetric,
    boolean descending,
    OptionalInt limit) {
  /**
   * Creates the value.
   *
   * @param experiment experiment filter
   * @param status status filter
   * @param orderByMetric sort key
   * @param descending sort direction
   * @param limit maximum count
   */
  public RunQuery {
    experiment.ifPresent(e -> Names.requireValid("experiment", e));
    orderByMetric.ifPresent(m -> Names.requireValid("metric key", m));
    limit.ifPresent(n -> {
      if (n <= 0) {
        throw new IllegalArgumentException("limit must be positive, got " + n);
      }
    });
  }

  /**
   * Returns the query for all runs of an experiment, newest first.
   *
   * @param experiment the experiment's name
   * @return the query
   */
  public static RunQuery experiment(String experiment) {
    return new RunQuery(Optional.of(experiment), Optional.empty(), Optional.empty(), true,
        OptionalInt.empty());
  }

  /**
   * Returns a copy that orders by the latest value of a metric.
   *
   * @param metric the metric key
   * @param descending {@code true} for the largest value first
   * @return the new query
   */
  public RunQuery orderBy(String metric, boolean descending) {
    return new RunQuery(experiment, status, Optional.of(metric), descending, limit);
  }

  /**
   * Returns a copy that keeps only runs with a status.
   *
   * @param status the status
   * @return the new query
   */
  public RunQuery withStatus(RunStatus status) {
    return new RunQuery(experiment, Optional.of(status), orderByMetric, descending, limit);
  }

  /**
   * Returns a copy that returns at most {@code n} runs.
   *
   * @param n the maximum, positive
   * @return the new query
   */
  public RunQuery limit(int n) {
    return new RunQuery(experiment, status, orderByMetric, descending, OptionalInt.of(n));
  }
}
