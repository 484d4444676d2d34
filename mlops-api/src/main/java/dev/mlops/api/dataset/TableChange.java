package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a table differs between two versions: schema changes, row counts and the column profiles on
 * both sides (compare them for drift without reading the data).
 *
 * @param path the table's path inside the versions
 * @param addedColumns columns only in the newer version
 * @param removedColumns columns only in the older version
 * @param retypedColumns columns in both whose type changed
 * @param fromRows the older row count, empty if the path was not a table there
 * @param toRows the newer row count, empty if the path is not a table there
 * @param fromProfiles the older column profiles by column
 * @param toProfiles the newer column profiles by column
 */
public record TableChange(
    String path,
    List<String> addedColumns,
    List<String> removedColumns,
    List<String> retypedColumns,
    OptionalLong fromRows,
    OptionalLong toRows,
    Map<String, ColumnProfile> fromProfiles,
    Map<String, ColumnProfile> toProfiles) {
  /**
   * Creates the value; collections are copied.
   *
   * @param path the path
   * @param addedColumns added columns
   * @param removedColumns removed columns
   * @param retypedColumns retyped columns
   * @param fromRows older row count
   * @param toRows newer row count
   * @param fromProfiles older profiles
   * @param toProfiles newer profiles
   */
  public TableChange {
    requireNonNull(path, "path");
    requireNonNull(fromRows, "fromRows");
    requireNonNull(toRows, "toRows");
    addedColumns = List.copyOf(addedColumns);
    removedColumns = List.copyOf(removedColumns);
    retypedColumns = List.copyOf(retypedColumns);
    fromProfiles = Map.copyOf(fromProfiles);
    toProfiles = Map.copyOf(toProfiles);
  }
}
