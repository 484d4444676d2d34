package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, committed version of a dataset. Its id is the hash of its manifest, so committing
 * identical content with identical metadata and parent yields the identical id.
 *
 * @param ref the dataset's name and this version's id
 * @param parentId the id of the version it was committed on top of, if any
 * @param message the commit message
 * @param author who committed it
 * @param createdAt when it was committed
 * @param metadata the user's key/value metadata
 * @param files the files, sorted by path
 * @param derivedFrom the versions this one was derived from (its lineage inputs), if recorded
 * @param transformation how it was derived from them (a description, a script's name and
 *     version), empty if not recorded
 * @param view for a virtual version (see {@link ViewRequest}), its definition; its files are then
 *     materialized from the base when read
 */
public record DatasetVersion(
    DatasetRef ref,
    Optional<String> parentId,
    String message,
    String author,
    Instant createdAt,
    Map<String, String> metadata,
    List<DatasetFile> files,
    List<DatasetRef> derivedFrom,
    String transformation,
    Optional<DatasetView> view) {
  /**
   * Creates the value; maps and lists are copied.
   *
   * @param ref the reference
   * @param parentId the parent's id, or empty
   * @param message the commit message
   * @param author the author
   * @param createdAt the commit time
   * @param metadata user metadata
   * @param files the files
   * @param derivedFrom lineage inputs
   * @param transformation how it was derived, or empty
   * @param view the definition of a virtual version, or empty
   */
  public DatasetVersion {
    requireNonNull(ref, "ref");
    requireNonNull(parentId, "parentId");
    requireNonNull(message, "message");
    requireNonNull(author, "author");
    requireNonNull(createdAt, "createdAt");
    metadata = Map.copyOf(metadata);
    files = List.copyOf(files);
    derivedFrom = List.copyOf(derivedFrom);
    requireNonNull(transformation, "transformation");
    requireNonNull(view, "view");
  }

  /**
   * Returns the total size of the version's files.
   *
   * @return the size in bytes
   */
  public long size() {
    return files.stream().mapToLong(DatasetFile::size).sum();
  }
}
