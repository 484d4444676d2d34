package dev.mlops.api.dataset;

/**
 * A file format a table can be written out in, by
 * {@link DatasetStore#checkout(String, java.nio.file.Path, java.util.Collection, TableFormat)}.
 */
public enum TableFormat {
  /**
   * CSV (RFC 4180): a header line of column names, {@code ,} between fields, {@code \n} after each
   * record; a field is quoted when it holds a comma, a quote, a line break or a space at either
   * end; a null is an empty field. Numbers are written so that they parse back to the same value,
   * booleans as {@code true}/{@code false}; other types as their text (ISO-8601 for dates and
   * times).
   */
  CSV("csv"),
  /**
   * Parquet: V1 data pages, dictionary-encoded where that is smaller, Snappy-compressed, with each
   * column chunk's null count, minimum and maximum in the footer. Flat columns of boolean, 32- and
   * 64-bit signed integers, float, double, string, binary, fixed-size binary, decimal, date and
   * timestamp; a table with another column type is refused with that column's name.
   */
  PARQUET("parquet"),
  /** An Arrow IPC stream, the form {@link DatasetStore#openTable} reads. */
  ARROW("arrow");

  private final String extension;

  TableFormat(String extension) {
    this.extension = extension;
  }

  /**
   * Returns the file-name extension a file in this format gets, without the dot.
   *
   * @return {@code csv}, {@code parquet} or {@code arrow}
   */
  public String extension() {
    return extension;
  }
}
