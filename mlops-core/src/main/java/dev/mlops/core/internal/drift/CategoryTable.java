package dev.mlops.core.internal.drift;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The 2 × k table of category counts of the two samples, over the union of their categories in
 * sorted order (numbers by value).
 *
 * @param labels the categories
 * @param reference reference counts per category
 * @param current current counts per category
 */
public record CategoryTable(String[] labels, long[] reference, long[] current) {
  /** Builds the table from two count maps. */
  public static CategoryTable of(Map<String, Long> reference, Map<String, Long> current) {
    TreeSet<String> union = new TreeSet<>(reference.keySet());
    union.addAll(current.keySet());
    String[] labels = union.toArray(new String[0]);
    long[] ref = new long[labels.length];
    long[] cur = new long[labels.length];
    for (int i = 0; i < labels.length; i++) {
      ref[i] = reference.getOrDefault(labels[i], 0L);
      cur[i] = current.getOrDefault(labels[i], 0L);
    }
    return new CategoryTable(labels, ref, cur);
  }

  /**
   * Builds the table of a numeric column compared as categories, each distinct value one category.
   *
   * @param reference the reference, with at most {@code limit} distinct values
   * @param current the current side
   * @param limit the most distinct reference values to accept
   * @return the table, or {@code null} if the reference has more than {@code limit} distinct values
   */
  public static CategoryTable ofNumeric(NumericReference reference, NumericCurrent current, int limit) {
    double[] refValues = reference.distinctValues(limit);
    if (refValues.length == 0) {
      return null;
    }
    long[] refCounts = reference.counts(refValues);
    TreeMap<Double, long[]> union = new TreeMap<>();
    for (int i = 0; i < refValues.length; i++) {
      union.computeIfAbsent(ColumnValues.canonical(refValues[i]), v -> new long[2])[0] += refCounts[i];
    }
    NumericCurrent.Distinct distinct = current.distinct();
    for (int i = 0; i < distinct.values().length; i++) {
      // Double keys tell −0.0 from 0.0; the two are one category.
      union.computeIfAbsent(ColumnValues.canonical(distinct.values()[i]), v -> new long[2])[1] += distinct.counts()[i];
    }
    String[] labels = new String[union.size()];
    long[] ref = new long[labels.length];
    long[] cur = new long[labels.length];
    int i = 0;
    for (Map.Entry<Double, long[]> e : union.entrySet()) {
      labels[i] = label(e.getKey());
      ref[i] = e.getValue()[0];
      cur[i] = e.getValue()[1];
      i++;
    }
    return new CategoryTable(labels, ref, cur);
  }

  /** Formats a number as a category: integers without a decimal point. */
  public static String label(double value) {
    value = ColumnValues.canonical(value);
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** Number of categories seen in the reference. */
  public int referenceCategories() {
    int n = 0;
    for (long c : reference) {
      n += c > 0 ? 1 : 0;
    }
    return n;
  }

  /** Shares of each category in a row of counts. */
  public static double[] shares(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] shares = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      shares[i] = counts[i] / total;
    }
    return shares;
  }
}
