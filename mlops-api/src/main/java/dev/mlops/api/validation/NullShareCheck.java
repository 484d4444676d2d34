package dev.mlops.api.validation;

import dev.mlops.api.Names;

/**
 * The share of missing values in a column (NaN in a feature, null or empty in an attribute) must
 * not exceed {@code maxShare}.
 *
 * @param column a named feature or an attribute
 * @param maxShare the largest allowed share, 0 to 1
 */
public record NullShareCheck(String column, double maxShare) implements Check {
  /**
   * Creates the check.
   *
   * @param column the column
   * @param maxShare the limit, 0 to 1
   */
  public NullShareCheck {
    Names.requireValidColumn(column);
    Shares.requireShare("maxShare", maxShare);
  }

  @Override
  public String metric() {
    return "data.null_share." + column;
  }

  @Override
  public String describe() {
    return "missing values in " + column + " <= " + maxShare;
  }
}
