package dev.mlops.api.drift;

/** How a column's values are compared: as numbers or as categories. */
public enum ColumnType {
  /** Real numbers; NaN is missing. */
  NUMERIC,
  /** Labels; {@code null} is missing. Numeric columns with few distinct values are compared this way too. */
  CATEGORICAL
}
