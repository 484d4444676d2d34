package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * Points at one immutable dataset version: the dataset's name and the version's id (the hash of
 * its manifest). This is what runs, model versions and drift references record as their input.
 * Its text form is {@code name@id}.
 *
 * @param dataset the dataset's name
 * @param versionId the version's full id
 */
public record DatasetRef(String dataset, String versionId) {
  /**
   * Creates the reference.
   *
   * @param dataset the dataset's name, valid under {@link Names}
   * @param versionId the version's full id, not empty
   */
  public DatasetRef {
    Names.requireValid("dataset", dataset);
    requireNonNull(versionId, "versionId");
    if (versionId.isEmpty()) {
      throw new IllegalArgumentException("versionId must not be empty");
    }
  }

  @Override
  public String toString() {
    return dataset + "@" + versionId;
  }
}
