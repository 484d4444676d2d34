package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.dataset.DatasetRef;

/**
 * A dataset version a run read, and what for.
 *
 * @param dataset the dataset version
 * @param role train, validation or test
 */
public record RunInput(DatasetRef dataset, InputRole role) {
  /**
   * Creates the value.
   *
   * @param dataset the dataset version
   * @param role its role in the run
   */
  public RunInput {
    requireNonNull(dataset, "dataset");
    requireNonNull(role, "role");
  }
}
