package dev.mlops.api.dataset;

import dev.mlops.api.NotFoundException;
import java.util.List;

/** A view or a read named a column that a table does not have. */
public final class UnknownColumnException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** The column that was asked for. */
  private final String column;

  /** The columns the table has. */
  private final List<String> available;

  /**
   * Creates the exception.
   *
   * @param table what holds the columns, for the message (such as {@code 'data' in weather@1a2b})
   * @param column the unknown column
   * @param available the columns the table has
   */
  public UnknownColumnException(String table, String column, List<String> available) {
    super("The table " + table + " has no column '" + column + "'; its columns are " + available);
    this.column = column;
    this.available = List.copyOf(available);
  }

  /**
   * Returns the column that was asked for.
   *
   * @return the unknown column
   */
  public String column() {
    return column;
  }

  /**
   * Returns the columns the table has.
   *
   * @return the column names, in schema order
   */
  public List<String> available() {
    return available;
  }
}
