package dev.mlops.api.validation;

import dev.mlops.api.Names;

/**
 * Every present value of a numeric column must lie in {@code [min, max]}. The observed value is the
 * share of rows outside; the check passes when it is 0.
 *
 * @param column a named feature, or an attribute holding numbers
 * @param min the smallest allowed value
 * @param max the largest allowed value, not below {@code min}
 */
public record RangeCheck(String column, double min, double max) implements Check {
  /**
   * Creates the check.
   *
   * @param column the column
   * @param min the lower bound
   * @param max the upper bound
   */
  public RangeCheck {
    Names.requireValidColumn(column);
    if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
      throw new IllegalArgumentException("range of '" + column + "' must have min <= max, got ["
          + min + ", " + max + "]");
    }
  }

  @Override
  public String metric() {
    return "data.out_of_range_share." + column;
  }

  @Override
  public String describe() {
    return column + " within [" + min + ", " + max + "]";
  }
}
