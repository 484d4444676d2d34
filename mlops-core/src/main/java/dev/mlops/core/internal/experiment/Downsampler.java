package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.MetricHistory;

/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): keeps the first and last point and, from
 * each of the buckets in between, the point forming the largest triangle with the point kept
 * before it and the average of the next bucket. Curves keep their peaks and dips. The x axis is
 * the point's index in logging order; NaN and infinite values are left out (a chart cannot plot
 * them). One pass over primitive arrays, no per-point allocation.
 */
final class Downsampler {
  private Downsampler() {}

  static MetricHistory lttb(String key, SegmentReader.Columns all, int maxPoints) {
    if (maxPoints < 3) {
      throw new IllegalArgumentException("maxPoints must be at least 3, got " + maxPoints);
    }
    SegmentReader.Columns c = finiteOnly(all);
    int n = c.size();
    if (n <= maxPoints) {
      return MetricHistory.of(key, c.steps(), c.times(), c.values());
    }
    double[] y = c.values();
    int[] chosen = new int[maxPoints];
    chosen[0] = 0;
    chosen[maxPoints - 1] = n - 1;
    double bucket = (double) (n - 2) / (maxPoints - 2);
    int kept = 0;
    for (int b = 0; b < maxPoints - 2; b++) {
      int from = (int) (b * bucket) + 1;
      int to = (int) ((b + 1) * bucket) + 1;
      int nextTo = Math.min((int) ((b + 2) * bucket) + 1, n);
      double avgX = 0;
      double avgY = 0;
      for (int j = to; j < nextTo; j++) {
        avgX += j;
        avgY += y[j];
      }
      int count = Math.max(1, nextTo - to);
      avgX /= count;
      avgY /= count;
      double ax = kept;
      double ay = y[kept];
      double best = -1;
      int pick = from;
      for (int j = from; j < to; j++) {
        double area = Math.abs((ax - avgX) * (y[j] - ay) - (ax - j) * (avgY - ay));
        if (area > best) {
          best = area;
          pick = j;
        }
      }
      kept = pick;
      chosen[b + 1] = pick;
    }
    long[] steps = new long[maxPoints];
    long[] times = new long[maxPoints];
    double[] values = new double[maxPoints];
    for (int i = 0; i < maxPoints; i++) {
      steps[i] = c.steps()[chosen[i]];
      times[i] = c.times()[chosen[i]];
      values[i] = y[chosen[i]];
    }
    return MetricHistory.of(key, steps, times, values);
  }

  /** The columns without NaN and infinite values; the same object when all are finite. */
  private static SegmentReader.Columns finiteOnly(SegmentReader.Columns all) {
    double[] v = all.values();
    int finite = 0;
    for (double value : v) {
      if (Double.isFinite(value)) {
        finite++;
      }
    }
    if (finite == v.length) {
      return all;
    }
    long[] steps = new long[finite];
    long[] times = new long[finite];
    double[] values = new double[finite];
    int j = 0;
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        steps[j] = all.steps()[i];
        times[j] = all.times()[i];
        values[j++] = v[i];
      }
    }
    return new SegmentReader.Columns(steps, times, values);
  }
}
