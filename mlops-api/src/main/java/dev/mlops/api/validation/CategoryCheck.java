package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every present value of an attribute must be one of {@code allowed}. The observed value is the
 * share of rows with another value; the check passes when it is 0.
 *
 * @param column an attribute
 * @param allowed the allowed values, at least one
 */
public record CategoryCheck(String column, Set<String> allowed) implements Check {
  /**
   * Creates the check; the set is copied (sorted, so descriptions are stable).
   *
   * @param column the column
   * @param allowed the allowed values
   */
  public CategoryCheck {
    Names.requireValidColumn(column);
    allowed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(requireNonNull(allowed, "allowed")));
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("category check of '" + column + "' needs allowed values");
    }
  }

  @Override
  public String metric() {
    return "data.unknown_category_share." + column;
  }

  @Override
  public String describe() {
    return column + " in " + allowed;
  }
}
