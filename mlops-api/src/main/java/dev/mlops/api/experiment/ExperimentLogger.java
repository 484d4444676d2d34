package dev.mlops.api.experiment;

import dev.mlops.api.NotFoundException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Records training runs: params, metrics at millions of points per second, artifacts, inputs,
 * code and environment; finds and compares them later. Logging never blocks training on I/O, and
 * nothing flushed is lost when a process dies. Thread-safe; many processes may log into one store,
 * each run having one writer.
 */
public interface ExperimentLogger {
  /**
   * Starts a run.
   *
   * @param spec the run's experiment, name, tags, params, parent and inputs
   * @return the live run; close it
   * @throws NotFoundException if the parent run does not exist
   */
  Run start(RunSpec spec);

  /**
   * Resumes a run by id (for example after a restart); it is RUNNING again and its metrics
   * continue after the points already stored.
   *
   * @param runId the run's id
   * @return the live run
   * @throws NotFoundException if no run has this id
   */
  Run resume(String runId);

  /**
   * Reads a run as stored. A RUNNING run whose heartbeat stopped is marked KILLED first.
   *
   * @param runId the run's id
   * @return the run, or empty if unknown
   */
  Optional<RunInfo> run(String runId);

  /**
   * Reads the run with this id or, as datasets accept version id prefixes, the only run whose id
   * starts with it. A RUNNING run whose heartbeat stopped is marked KILLED first.
   *
   * @param idOrPrefix a run's id, or its first characters
   * @return the run
   * @throws dev.mlops.api.NotFoundException if no run's id starts with it
   * @throws dev.mlops.api.ConflictException if several runs' ids start with it; the message lists
   *     them (at most 10)
   */
  RunInfo resolve(String idOrPrefix);

  /**
   * Finds runs.
   *
   * @param query filters, order and limit
   * @return matching runs in the query's order
   * @throws FilterSyntaxException if the query's filter expression cannot be parsed
   */
  List<RunInfo> search(RunQuery query);

  /**
   * Lists the experiments in the store.
   *
   * @return experiment names, sorted
   */
  List<String> experiments();

  /**
   * Renames an experiment: all its runs (ended, live, or started during the rename, in this process
   * or another) are in {@code newName} afterwards, and the old name is no longer listed; starting a
   * run under it throws {@link dev.mlops.api.ConflictException}. The runs' documents are not
   * rewritten: the experiments' markers record the rename and readers give every run its
   * experiment's current name. Crash-safe and safe beside other writers: one of several racing
   * renames wins, and a rename cut short is completed (or, if its new name was taken meanwhile,
   * withdrawn) by the next reader. The old name is not reused.
   *
   * @param experiment the experiment's name
   * @param newName its new name (the rule of {@link dev.mlops.api.Names})
   * @throws dev.mlops.api.NotFoundException if there is no experiment {@code experiment}
   * @throws dev.mlops.api.ConflictException if an experiment {@code newName} exists (or existed and
   *     was renamed), or another writer renamed {@code experiment} first
   * @throws dev.mlops.api.InvalidNameException if {@code newName} breaks the name rule
   */
  void renameExperiment(String experiment, String newName);

  /**
   * Reads every flushed point of one metric of a run, in logging order.
   *
   * @param runId the run's id
   * @param key the metric key
   * @return the points; empty if the run never logged the key
   * @throws NotFoundException if no run has this id
   */
  MetricHistory history(String runId, String key);

  /**
   * Reads one metric of a run downsampled for a chart to at most {@code maxPoints} points that
   * keep the curve's shape (largest-triangle-three-buckets; the first and last points are kept).
   * Long histories are downsampled from per-segment previews (the minimum and maximum of each of
   * 64 buckets per flush), so peaks survive and only a few kilobytes per segment are read. NaN
   * and infinite values are not plotted: they are left out of the downsampled curve.
   *
   * @param runId the run's id
   * @param key the metric key
   * @param maxPoints the most points to return, at least 3
   * @return the downsampled points
   * @throws NotFoundException if no run has this id
   */
  MetricHistory history(String runId, String key, int maxPoints);

  /**
   * Puts runs side by side: their params and latest metrics, with differing keys marked.
   *
   * @param runIds the runs, at least one
   * @return the comparison
   * @throws NotFoundException if a run does not exist
   */
  RunComparison compare(List<String> runIds);

  /**
   * Opens an artifact of a run; the content is verified against its hash while it is read.
   *
   * @param runId the run's id
   * @param path the artifact's path as listed in {@link RunInfo#artifacts()}
   * @return the artifact's bytes; close the stream
   * @throws NotFoundException if the run or the artifact does not exist
   */
  InputStream openArtifact(String runId, String path);

  /**
   * Deletes a run permanently: its document, heartbeat and metric history at once; its artifacts
   * stay until a garbage collection ({@code StoreInspector.gc}) finds that nothing else reaches
   * them. The run disappears in one step (its document goes first); what a crash leaves of it
   * after that, the next collection removes.
   *
   * @param runId the run's id
   * @throws NotFoundException if there is no such run
   * @throws dev.mlops.api.ConflictException if the run is live in some process (end it first)
   */
  void purge(String runId);
}
