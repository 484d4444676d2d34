package dev.mlops.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns of text aligned for a terminal: each column as wide as its widest cell, two spaces
 * between columns, the last column not padded. Long names push the column out instead of
 * shifting the rest of their row.
 */
public final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  /**
   * Starts a table with a header row.
   *
   * @param header the column titles
   */
  public TextTable(String... header) {
    rows.add(List.of(header));
  }

  /**
   * Adds a row; it has as many cells as the header.
   *
   * @param cells the cells
   * @return this table
   */
  public TextTable add(String... cells) {
    return add(List.of(cells));
  }

  /**
   * Adds a row; it has as many cells as the header.
   *
   * @param cells the cells
   * @return this table
   */
  public TextTable add(List<String> cells) {
    if (cells.size() != rows.get(0).size()) {
      throw new IllegalArgumentException(cells.size() + " cells for " + rows.get(0).size() + " columns");
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  /**
   * Renders the table, lines separated by {@code \n}, no trailing newline.
   *
   * @return the text
   */
  @Override
  public String toString() {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(row.get(c));
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - row.get(c).length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString().stripTrailing();
  }
}
