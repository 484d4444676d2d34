package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

/**
 * A committed version and what the commit cost.
 *
 * @param version the committed version
 * @param filesHashed files read and hashed
 * @param filesFromCache files taken from the local stat cache without being read
 * @param bytesHashed bytes read and hashed
 * @param newBytes bytes this commit added to the store (chunks not stored before)
 * @param newObjects objects this commit added to the store
 */
public record CommitResult(
    DatasetVersion version,
    long filesHashed,
    long filesFromCache,
    long bytesHashed,
    long newBytes,
    long newObjects) {
  /**
   * Creates the value.
   *
   * @param version the committed version
   * @param filesHashed files read and hashed
   * @param filesFromCache files taken from the stat cache
   * @param bytesHashed bytes read and hashed
   * @param newBytes bytes added to the store
   * @param newObjects objects added to the store
   */
  public CommitResult {
    requireNonNull(version, "version");
  }
}
