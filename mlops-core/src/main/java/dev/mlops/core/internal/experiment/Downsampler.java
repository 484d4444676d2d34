package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.MetricHistory;

/**
 * Largest-triangle-three-buckets (Steinarsson, 2013): keeps the first and last point and, from
 * each of the buckets in between, the point forming the largest triangle with the point kept
 * before it and the average of the next bucket. Curves keep their peaks and dips. The x axis is
 * the point's index in logging order; NaN and infinite values are left out.
 */
final class Downsampler {
  private Downsampler() {}

  static MetricHistory lttb(MetricHistory all, int maxPoints) {
    if (maxPoints < 3) {
      throw new IllegalArgumentException("maxPoints must be at least 3, got " + maxPoints);
    }
    int[] finite = new int[all.size()];
    int n = 0;
    for (int i = 0; i < all.size(); i++) {
      if (Double.isFinite(all.value(i))) {
        finite[n++] = i;
      }
    }
    int outSize = Math.min(n, maxPoints);
    long[] steps = new long[outSize];
    long[] times = new long[outSize];
    double[] values = new double[outSize];
    if (n <= maxPoints) {
      for (int j = 0; j < n; j++) {
        copy(all, finite[j], j, steps, times, values);
      }
      return MetricHistory.of(all.key(), steps, times, values);
    }
    double bucket = (double) (n - 2) / (maxPoints - 2);
    int kept = 0;
    copy(all, finite[kept], 0, steps, times, values);
    for (int b = 0; b < maxPoints - 2; b++) {
      int from = (int) (b * bucket) + 1;
      int to = (int) ((b + 1) * bucket) + 1;
      int nextFrom = to;
      int nextTo = Math.min((int) ((b + 2) * bucket) + 1, n);
      double avgX = 0;
      double avgY = 0;
      for (int j = nextFrom; j < nextTo; j++) {
        avgX += j;
        avgY += all.value(finite[j]);
      }
      int count = Math.max(1, nextTo - nextFrom);
      avgX /= count;
      avgY /= count;
      double ax = kept;
      double ay = all.value(finite[kept]);
      double best = -1;
      int chosen = from;
      for (int j = from; j < to; j++) {
        double area = Math.abs((ax - avgX) * (all.value(finite[j]) - ay)
            - (ax - j) * (avgY - ay));
        if (area > best) {
          best = area;
          chosen = j;
        }
      }
      kept = chosen;
      copy(all, finite[chosen], b + 1, steps, times, values);
    }
    copy(all, finite[n - 1], maxPoints - 1, steps, times, values);
    return MetricHistory.of(all.key(), steps, times, values);
  }

  private static void copy(MetricHistory from, int i, int j, long[] steps, long[] times,
      double[] values) {
    steps[j] = from.step(i);
    times[j] = from.timestamp(i);
    values[j] = from.value(i);
  }
}
