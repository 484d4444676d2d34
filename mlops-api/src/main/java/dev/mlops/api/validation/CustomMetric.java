package dev.mlops.api.validation;

import static java.util.Objects.requireNonNull;

import dev.mlops.api.Names;

/**
 * A metric the host defines: a technical measure of its own, or a business KPI (expected cost,
 * revenue at risk) with the unit people on the business side read it in. Checks name it like a
 * built-in metric. In a suite's JSON form only the name, unit and direction are written; the
 * function is supplied again when the JSON is read.
 *
 * @param name the metric's name, valid under {@link Names} and unlike every built-in metric
 * @param unit the unit shown next to its value ({@code "EUR"}, {@code "%"}), or empty
 * @param higherIsBetter whether a larger value is better (revenue) or worse (cost)
 * @param function computes it from labels and outputs
 */
public record CustomMetric(String name, String unit, boolean higherIsBetter, MetricFunction function) {
  /**
   * Creates the value.
   *
   * @param name the name
   * @param unit the unit, or empty
   * @param higherIsBetter the direction
   * @param function the function
   */
  public CustomMetric {
    Names.requireValid("metric", name);
    requireNonNull(unit, "unit");
    requireNonNull(function, "function");
    if (unit.length() > 32 || unit.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("unit of '" + name + "' must be at most 32 printable"
          + " characters, got '" + unit.replaceAll("\\p{Cntrl}", "?") + "'");
    }
  }
}
