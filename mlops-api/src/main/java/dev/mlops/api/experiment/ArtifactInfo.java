package dev.mlops.api.experiment;

import static java.util.Objects.requireNonNull;

/**
 * One file attached to a run. Its bytes are a content object, shared with every other file
 * (artifact or dataset chunk) that has the same content.
 *
 * @param path where it sits among the run's artifacts, {@code /}-separated
 * @param sha256 the lowercase hex SHA-256 of its content
 * @param size its size in bytes
 */
public record ArtifactInfo(String path, String sha256, long size) {
  /**
   * Creates the value.
   *
   * @param path the artifact path
   * @param sha256 the content hash
   * @param size the size, not negative
   */
  public ArtifactInfo {
    requireNonNull(path, "path");
    requireNonNull(sha256, "sha256");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
