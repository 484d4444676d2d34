package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

/**
 * A committed version and what the commit cost.
 *
 * @param version the committed version; for an unchanged commit, the head's version
 * @param filesHashed files read and hashed
 * @param filesFromCache files taken from the local stat cache without being read
 * @param bytesHashed bytes read and hashed
 * @param newBytes bytes this commit added to the store (chunks not stored before)
 * @param newObjects objects this commit added to the store
 * @param unchanged whether the request held exactly the head's files (and lineage), so no version
 *     was made and the head did not move: {@code version} is the head's version (see
 *     {@link CommitRequest.Builder#allowEmpty})
 */
public record CommitResult(
    DatasetVersion version,
    long filesHashed,
    long filesFromCache,
    long bytesHashed,
    long newBytes,
    long newObjects,
    boolean unchanged) {
  /**
   * Creates the value.
   *
   * @param version the committed version, or the head's for an unchanged commit
   * @param filesHashed files read and hashed
   * @param filesFromCache files taken from the stat cache
   * @param bytesHashed bytes read and hashed
   * @param newBytes bytes added to the store
   * @param newObjects objects added to the store
   * @param unchanged whether no version was made because the head holds the same files
   */
  public CommitResult {
    requireNonNull(version, "version");
  }

  /**
   * Creates the value of a commit that made a new version ({@code unchanged} is {@code false}).
   *
   * @param version the committed version
   * @param filesHashed files read and hashed
   * @param filesFromCache files taken from the stat cache
   * @param bytesHashed bytes read and hashed
   * @param newBytes bytes added to the store
   * @param newObjects objects added to the store
   */
  public CommitResult(DatasetVersion version, long filesHashed, long filesFromCache, long bytesHashed,
      long newBytes, long newObjects) {
    this(version, filesHashed, filesFromCache, bytesHashed, newBytes, newObjects, false);
  }
}
