package dev.mlops.api.drift;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One drift report as recorded in the store's {@link DriftHistory}: a monitor's closed window or a
 * batch comparison, kept as a small summary (no histograms, no values), so a year of windows stays
 * cheap to store and to read back.
 *
 * @param name the history it belongs to (for a monitor, its name)
 * @param sequence its number in the history, from 1, in the order it was recorded
 * @param from the start of the time range the report covers (for a monitor window, the close of
 *     the previous window or the monitor's start)
 * @param to the end of the range (for a monitor window, when it closed); never before {@code from}
 * @param observations how many observations the window held (for a batch report, the largest
 *     count of current values of a column)
 * @param columns each column's result, in the compared order
 * @param driftedShare the share of columns that drifted, from 0 to 1
 * @param datasetDrift whether the dataset as a whole drifted
 */
public record DriftRecord(
    String name,
    long sequence,
    Instant from,
    Instant to,
    long observations,
    List<Column> columns,
    double driftedShare,
    boolean datasetDrift) {
  /**
   * Creates the value; {@code columns} is copied.
   *
   * @param name the history's name
   * @param sequence the number, at least 1
   * @param from the start
   * @param to the end
   * @param observations the count
   * @param columns per-column results
   * @param driftedShare the share of drifted columns
   * @param datasetDrift the dataset-level decision
   * @throws dev.mlops.api.InvalidNameException if the name is not valid under {@link Names}
   * @throws IllegalArgumentException if the sequence is below 1, the range reversed or the count
   *     negative
   */
  public DriftRecord {
    Names.requireValid("drift history", name);
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    columns = List.copyOf(columns);
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1, got " + sequence);
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("the range must not end (" + to + ") before it starts (" + from + ")");
    }
    if (observations < 0) {
      throw new IllegalArgumentException("observations must not be negative, got " + observations);
    }
  }

  /**
   * Returns one column's result.
   *
   * @param column the column
   * @return its result, or empty if it was not compared
   */
  public Optional<Column> column(String column) {
    return columns.stream().filter(c -> c.column().equals(column)).findFirst();
  }

  /**
   * Returns the columns that drifted.
   *
   * @return their names, in the compared order
   */
  public List<String> driftedColumns() {
    return columns.stream().filter(Column::drifted).map(Column::column).toList();
  }

  /**
   * One column's result as recorded: {@link ColumnDrift} without its histogram.
   *
   * @param column the column's name
   * @param type how it was compared
   * @param method the method used
   * @param statistic the test statistic or distance
   * @param pValue the p-value, for tests; empty for distances
   * @param threshold the threshold the decision used
   * @param drifted whether the column drifted
   * @param currentSize the window's count of non-missing values
   */
  public record Column(
      String column,
      ColumnType type,
      DriftMethod method,
      double statistic,
      OptionalDouble pValue,
      double threshold,
      boolean drifted,
      long currentSize) {
    /**
     * Creates the value.
     *
     * @param column the column
     * @param type the column type
     * @param method the method
     * @param statistic the statistic
     * @param pValue the p-value, or empty
     * @param threshold the threshold
     * @param drifted whether it drifted
     * @param currentSize current values
     */
    public Column {
      requireNonNull(column, "column");
      requireNonNull(type, "type");
      requireNonNull(method, "method");
      requireNonNull(pValue, "pValue");
    }

    /**
     * Summarizes a column's result.
     *
     * @param drift the result
     * @return its summary
     */
    public static Column of(ColumnDrift drift) {
      return new Column(drift.column(), drift.type(), drift.method(), drift.statistic(), drift.pValue(),
          drift.threshold(), drift.drifted(), drift.currentSize());
    }
  }
}
