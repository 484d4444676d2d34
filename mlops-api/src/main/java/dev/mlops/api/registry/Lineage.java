package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.DatasetRef;
import java.util.List;
import java.util.Optional;

/**
 * Where a model version came from.
 *
 * @param runId the run that produced it
 * @param datasets the dataset versions it was trained and evaluated on
 * @param codeVersion the code's version (for example a git commit)
 */
public record Lineage(Optional<String> runId, List<DatasetRef> datasets, Optional<String> codeVersion) {
  /** Lineage that records nothing. */
  public static final Lineage NONE = new Lineage(Optional.empty(), List.of(), Optional.empty());

  /**
   * Creates the value; {@code datasets} is copied.
   *
   * @param runId the run, or empty
   * @param datasets dataset versions
   * @param codeVersion the code version, or empty
   */
  public Lineage {
    requireNonNull(runId, "runId");
    requireNonNull(codeVersion, "codeVersion");
    datasets = List.copyOf(datasets);
  }
}
