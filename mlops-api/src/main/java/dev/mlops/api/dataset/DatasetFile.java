package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One file of a dataset version.
 *
 * @param path the file's path inside the version, with {@code /} separators
 * @param size the file's size in bytes
 * @param sha256 the lowercase hex SHA-256 of the whole file
 * @param rows the row count when the file is a table, else empty
 * @param schema the table's schema when the file is a table (stored as Arrow IPC), else empty
 * @param profiles the table's column profiles by column name; empty for plain files
 * @param external where the bytes live when the file is an external reference (tracked by URI
 *     and SHA-256, not copied into the store), else empty
 */
public record DatasetFile(String path, long size, String sha256, OptionalLong rows,
    Optional<Schema> schema, Map<String, ColumnProfile> profiles, Optional<java.net.URI> external) {
  /**
   * Creates the value.
   *
   * @param path the file's path inside the version
   * @param size the size in bytes, not negative
   * @param sha256 the hex SHA-256
   * @param rows the row count of a table, or empty
   * @param schema the table's schema, or empty
   * @param profiles the column profiles, empty for plain files
   * @param external the external location, or empty
   */
  public DatasetFile {
    requireNonNull(path, "path");
    requireNonNull(sha256, "sha256");
    requireNonNull(rows, "rows");
    requireNonNull(schema, "schema");
    requireNonNull(external, "external");
    profiles = Map.copyOf(profiles);
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
  }

  /**
   * Creates a plain (non-table) file.
   *
   * @param path the file's path inside the version
   * @param size the size in bytes
   * @param sha256 the hex SHA-256
   * @return the value
   */
  public static DatasetFile plain(String path, long size, String sha256) {
    return new DatasetFile(path, size, sha256, OptionalLong.empty(), Optional.empty(), Map.of(),
        Optional.empty());
  }

  /**
   * Tells whether the file is a table readable with {@link DatasetStore#openTable}.
   *
   * @return whether it has a schema
   */
  public boolean isTable() {
    return schema.isPresent();
  }
}
