package dev.mlops.core.internal.drift;

import dev.mlops.core.input.Excerpt;
import java.util.HashMap;
import java.util.Map;

/** Turns raw column values into what the comparisons take, rejecting what cannot be compared. */
public final class ColumnValues {
  private ColumnValues() {}

  /**
   * Drops NaN (missing) and sorts.
   *
   * @param column the column, for messages
   * @param sampleName "reference" or "current", for messages
   * @param values the raw values
   * @return the sorted non-missing values, non-empty
   * @throws IllegalArgumentException if a value is infinite or none is present
   */
  public static double[] sortedFinite(String column, String sampleName, double[] values) {
    double[] sorted = DoubleRadixSort.sortedWithoutNaN(values);
    if (sorted.length == 0) {
      throw empty(column, sampleName, values.length);
    }
    // Sorted, so any infinity is at an end.
    for (double end : new double[] {sorted[0], sorted[sorted.length - 1]}) {
      if (Double.isInfinite(end)) {
        throw new IllegalArgumentException("column '" + Excerpt.of(column) + "' has an infinite value (" + end
            + ") in the "
            + sampleName + " sample; replace it with NaN (missing) or a finite number");
      }
    }
    return sorted;
  }

  /**
   * Returns the value with −0.0 turned into +0.0. The two compare equal ({@code ==}), and every
   * method treats them as one value, but boxed doubles, {@link Double#compare}, binary search
   * and formatting tell them apart: a value used as a key, searched for or printed goes through
   * here first. Every other value (NaN included) comes back unchanged, as x + 0.0 = x.
   *
   * @param value any double
   * @return the same value, with no negative zero
   */
  public static double canonical(double value) {
    return value + 0.0;
  }

  /**
   * Counts categories, dropping {@code null} (missing).
   *
   * @param column the column, for messages
   * @param sampleName "reference" or "current", for messages
   * @param values the raw values
   * @return count per category, non-empty
   * @throws IllegalArgumentException if no value is present
   */
  public static Map<String, Long> counts(String column, String sampleName, String[] values) {
    Map<String, Long> counts = new HashMap<>();
    for (String v : values) {
      if (v != null) {
        counts.merge(v, 1L, Long::sum);
      }
    }
    if (counts.isEmpty()) {
      throw empty(column, sampleName, values.length);
    }
    return counts;
  }

  private static IllegalArgumentException empty(String column, String sampleName, int rows) {
    return new IllegalArgumentException("column '" + Excerpt.of(column) + "' has no values in the " + sampleName
        + " sample ("
        + rows + " rows, all missing); drop the column with DriftConfig.withColumns or supply data");
  }
}
