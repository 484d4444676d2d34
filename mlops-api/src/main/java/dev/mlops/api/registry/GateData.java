package dev.mlops.api.registry;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * The labelled data a stored gate validates candidates on: one table of a dataset version.
 * {@link ModelRegistry#setGate} pins the dataset reference to the version it resolves to then, so a
 * gate version always checks the same rows.
 *
 * @param dataset the dataset version, {@code name@ref} ({@code name@main}, {@code name@v2},
 *     {@code name@<id>}); pinned to {@code name@<id>} once stored
 * @param table the path inside the version of a table (stored as Arrow by {@code DatasetStore}), or of
 *     a CSV file (a path ending in {@code .csv})
 * @param label the label column's name
 */
public record GateData(String dataset, String table, String label) {
  /**
   * Creates the value.
   *
   * @param dataset {@code name@ref}
   * @param table the table's path
   * @param label the label column
   * @throws IllegalArgumentException if {@code dataset} is not {@code name@ref} or a part is empty
   */
  public GateData {
    requireNonNull(dataset, "dataset");
    requireNonNull(table, "table");
    requireNonNull(label, "label");
    int at = dataset.indexOf('@');
    if (at <= 0 || at == dataset.length() - 1) {
      throw new IllegalArgumentException("the gate's dataset must be name@ref, such as customers@main, got '"
          + dataset + "'");
    }
    Names.requireValid("dataset", dataset.substring(0, at));
    if (table.isBlank()) {
      throw new IllegalArgumentException("the gate's table path must not be blank");
    }
    Names.requireValid("column", label);
  }

  /**
   * Returns the data's reference as the CLI writes it, {@code name@ref:table}.
   *
   * @return the reference
   */
  @Override
  public String toString() {
    return dataset + ":" + table;
  }
}
