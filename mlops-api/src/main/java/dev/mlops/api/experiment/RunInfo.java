package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of a run as stored.
 *
 * @param id the run's id, unique in the store
 * @param experiment the experiment's name
 * @param name the run's display name
 * @param status the run's status
 * @param startedAt when it started
 * @param endedAt when it ended, if it has
 * @param parentId the parent run's id for nested runs
 * @param params parameters, each set once
 * @param tags mutable tags
 * @param inputs the dataset versions it read, with their roles
 * @param latestMetrics the last value logged for each metric key, as of the last flush
 * @param lineage code version, environment and seeds
 * @param artifacts the files attached to it, by path
 * @param failure why it failed, for FAILED runs
 */
public record RunInfo(
    String id,
    String experiment,
    String name,
    RunStatus status,
    Instant startedAt,
    Optional<Instant> endedAt,
    Optional<String> parentId,
    Map<String, String> params,
    Map<String, String> tags,
    List<RunInput> inputs,
    Map<String, Double> latestMetrics,
    RunLineage lineage,
    List<ArtifactInfo> artifacts,
    Optional<String> failure) {
  /**
   * Creates the value; collections are copied.
   *
   * @param id the id
   * @param experiment the experiment
   * @param name the name
   * @param status the status
   * @param startedAt start time
   * @param endedAt end time, or empty
   * @param parentId parent run id, or empty
   * @param params parameters
   * @param tags tags
   * @param inputs dataset inputs
   * @param latestMetrics last metric values
   * @param lineage code, environment and seeds
   * @param artifacts attached files
   * @param failure the failure message, or empty
   */
  public RunInfo {
    requireNonNull(id, "id");
    requireNonNull(experiment, "experiment");
    requireNonNull(name, "name");
    requireNonNull(status, "status");
    requireNonNull(startedAt, "startedAt");
    requireNonNull(endedAt, "endedAt");
    requireNonNull(parentId, "parentId");
    requireNonNull(lineage, "lineage");
    requireNonNull(failure, "failure");
    params = Map.copyOf(params);
    tags = Map.copyOf(tags);
    inputs = List.copyOf(inputs);
    latestMetrics = Map.copyOf(latestMetrics);
    artifacts = List.copyOf(artifacts);
  }
}
