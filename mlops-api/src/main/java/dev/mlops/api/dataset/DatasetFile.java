package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * One file of a dataset version.
 *
 * @param path the file's path inside the version, with {@code /} separators
 * @param size the file's size in bytes
 * @param sha256 the lowercase hex SHA-256 of the whole file
 * @param rows the row count when the file is a table, else empty
 */
public record DatasetFile(String path, long size, String sha256, OptionalLong rows) {
  /**
   * Creates the value.
   *
   * @param path the file's path inside the version
   * @param size the size in bytes, not negative
   * @param sha256 the hex SHA-256
   * @param rows the row count of a table, or empty
   */
  public DatasetFile {
    requireNonNull(path, "path");
    requireNonNull(sha256, "sha256");
    requireNonNull(rows, "rows");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }
}
