package dev.mlops.core.internal.experiment;

/**
 * Chooses the points of one key that a segment's preview keeps: enough for a chart of the curve,
 * so a chart of millions of points reads only the segments' first few kilobytes.
 */
final class PreviewPicker {
  /** Buckets per key and segment; each gives its minimum and maximum. */
  static final int BUCKETS = 64;
  /** The most points a preview holds: two per bucket, plus the first and last. */
  static final int MAX_POINTS = 2 * BUCKETS + 2;

  private PreviewPicker() {}

  /**
   * Picks, in order, the first and last finite point and per bucket the minimum and maximum
   * finite point of {@code values[from..to)}; returns how many indexes were written to
   * {@code out}.
   */
  static int pick(double[] values, int from, int to, int[] out) {
    int firstFinite = from;
    while (firstFinite < to && !Double.isFinite(values[firstFinite])) {
      firstFinite++;
    }
    if (firstFinite == to) {
      return 0;
    }
    int lastFinite = to - 1; // scanned from both ends: usually one look each, not a pass
    while (!Double.isFinite(values[lastFinite])) {
      lastFinite--;
    }
    int count = 0;
    int lastAdded = firstFinite;
    out[count++] = firstFinite;
    int bucket = Math.max(1, (to - from + BUCKETS - 1) / BUCKETS);
    for (int b = from; b < to; b += bucket) {
      int end = Math.min(to, b + bucket);
      // Comparisons with NaN are false, and the bounds keep out the infinities: no isFinite
      // call and no "nothing yet" test per value; any finite value passes both tests first.
      int min = -1;
      int max = -1;
      double minValue = Double.POSITIVE_INFINITY;
      double maxValue = Double.NEGATIVE_INFINITY;
      for (int j = b; j < end; j++) {
        double v = values[j];
        if (v < minValue && v >= -Double.MAX_VALUE) {
          min = j;
          minValue = v;
        }
        if (v > maxValue && v <= Double.MAX_VALUE) {
          max = j;
          maxValue = v;
        }
      }
      if (min < 0) {
        continue; // no finite value in this bucket
      }
      int first = Math.min(min, max);
      int second = Math.max(min, max);
      if (first > lastAdded && first < lastFinite) {
        out[count++] = first;
        lastAdded = first;
      }
      if (second > lastAdded && second < lastFinite) {
        out[count++] = second;
        lastAdded = second;
      }
    }
    if (lastFinite > firstFinite) {
      out[count++] = lastFinite;
    }
    return count;
  }
}
