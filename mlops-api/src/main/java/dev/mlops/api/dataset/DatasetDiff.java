package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What changed between two versions of a dataset, file by file.
 *
 * @param from the older version
 * @param to the newer version
 * @param added paths only in {@code to}, sorted
 * @param removed paths only in {@code from}, sorted
 * @param modified paths in both whose content differs, sorted
 * @param unchanged how many paths are identical in both
 * @param changes every added, removed and modified path with its sizes, sorted by path
 * @param tables the tables among the changed paths, with schema, row count and profile changes
 */
public record DatasetDiff(
    DatasetRef from,
    DatasetRef to,
    List<String> added,
    List<String> removed,
    List<String> modified,
    int unchanged,
    List<FileChange> changes,
    List<TableChange> tables) {
  /**
   * Creates the value; lists are copied.
   *
   * @param from the older version
   * @param to the newer version
   * @param added added paths
   * @param removed removed paths
   * @param modified modified paths
   * @param unchanged count of identical paths
   * @param changes the changes with sizes
   * @param tables the table changes
   */
  public DatasetDiff {
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    added = List.copyOf(added);
    removed = List.copyOf(removed);
    modified = List.copyOf(modified);
    changes = List.copyOf(changes);
    tables = List.copyOf(tables);
  }
}
