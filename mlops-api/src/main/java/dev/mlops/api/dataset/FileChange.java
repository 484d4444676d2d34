package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One path that differs between two versions, with its size on each side.
 *
 * @param path the file's path inside the versions
 * @param fromSize its size in the older version, empty if it was added
 * @param toSize its size in the newer version, empty if it was removed
 */
public record FileChange(String path, OptionalLong fromSize, OptionalLong toSize) {
  /**
   * Creates the value.
   *
   * @param path the path
   * @param fromSize the older size, or empty
   * @param toSize the newer size, or empty
   */
  public FileChange {
    requireNonNull(path, "path");
    requireNonNull(fromSize, "fromSize");
    requireNonNull(toSize, "toSize");
    if (fromSize.isEmpty() && toSize.isEmpty()) {
      throw new IllegalArgumentException("a change of '" + path + "' needs at least one side");
    }
  }
}
