package dev.mlops.api.experiment;

import dev.mlops.api.NotFoundException;
import java.util.List;
import java.util.Optional;

/**
 * Records training runs: params, metrics at millions of points per second, artifacts, inputs,
 * code and environment; finds and compares them later. Logging never blocks training on I/O, and
 * nothing flushed is lost when a process dies. Thread-safe; many processes may log into one store.
 */
public interface ExperimentLogger {
  /**
   * Starts a run.
   *
   * @param spec the run's experiment, name, tags, params, parent and inputs
   * @return the live run; close it
   */
  Run start(RunSpec spec);

  /**
   * Resumes a run by id (for example after a restart); it is RUNNING again.
   *
   * @param runId the run's id
   * @return the live run
   * @throws NotFoundException if no run has this id
   */
  Run resume(String runId);

  /**
   * Reads a run as stored.
   *
   * @param runId the run's id
   * @return the run, or empty if unknown
   */
  Optional<RunInfo> run(String runId);

  /**
   * Finds runs.
   *
   * @param query filters, order and limit
   * @return matching runs in the query's order
   */
  List<RunInfo> search(RunQuery query);

  /**
   * Lists the experiments in the store.
   *
   * @return experiment names, sorted
   */
  List<String> experiments();
}
