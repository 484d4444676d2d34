package dev.mlops.api.dataset;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Summary statistics of one table column, computed at commit and stored in the manifest, so drift
 * against a version needs no raw data. Numeric columns have min, max, mean, standard deviation and
 * quantiles (from a KLL sketch, rank error 1.1%); text and boolean columns have their most
 * frequent values (from a frequent-items sketch).
 *
 * @param type the Arrow type of the column, as text
 * @param count the non-null values (NaN included)
 * @param nulls the null values
 * @param nans the NaN values of floating-point columns, left out of min, max, mean, std, quantiles
 * @param min the smallest value of a numeric column
 * @param max the largest value of a numeric column
 * @param mean the mean of a numeric column
 * @param std the population standard deviation of a numeric column
 * @param quantiles estimated quantiles of a numeric column by rank (0, 0.01, 0.05, 0.1, 0.25, 0.5,
 *     0.75, 0.9, 0.95, 0.99, 1)
 * @param frequentItems the most frequent values of a text or boolean column, most frequent first
 */
public record ColumnProfile(
    String type,
    long count,
    long nulls,
    long nans,
    OptionalDouble min,
    OptionalDouble max,
    OptionalDouble mean,
    OptionalDouble std,
    SortedMap<Double, Double> quantiles,
    List<FrequentItem> frequentItems) {
  /**
   * Creates the value; collections are copied.
   *
   * @param type the Arrow type
   * @param count non-null values
   * @param nulls null values
   * @param nans NaN values
   * @param min the minimum
   * @param max the maximum
   * @param mean the mean
   * @param std the standard deviation
   * @param quantiles quantiles by rank
   * @param frequentItems frequent values
   */
  public ColumnProfile {
    requireNonNull(type, "type");
    requireNonNull(min, "min");
    requireNonNull(max, "max");
    requireNonNull(mean, "mean");
    requireNonNull(std, "std");
    quantiles = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(quantiles));
    frequentItems = List.copyOf(frequentItems);
  }

  /**
   * One frequent value and its estimated count (an upper bound; the sketch's error is at most
   * the count of values too rare to be listed).
   *
   * @param value the value as text
   * @param estimate its estimated count
   */
  public record FrequentItem(String value, long estimate) {
    /**
     * Creates the value.
     *
     * @param value the value
     * @param estimate the estimated count
     */
    public FrequentItem {
      requireNonNull(value, "value");
    }
  }
}
