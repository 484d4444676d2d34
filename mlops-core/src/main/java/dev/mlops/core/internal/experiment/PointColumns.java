package dev.mlops.core.internal.experiment;

import dev.mlops.api.experiment.MetricHistory;
import java.util.Arrays;

/** Growable columns that segments are decoded into. */
final class PointColumns {
  long[] steps = new long[1024];
  long[] times = new long[1024];
  double[] values = new double[1024];
  int size;

  /** Makes room for {@code count} more points and returns the index of the first. */
  int grow(int count) {
    int base = size;
    if (base + count > steps.length) {
      int capacity = Math.max(steps.length * 2, base + count);
      steps = Arrays.copyOf(steps, capacity);
      times = Arrays.copyOf(times, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    size += count;
    return base;
  }

  MetricHistory toHistory(String key) {
    return MetricHistory.of(key, Arrays.copyOf(steps, size), Arrays.copyOf(times, size),
        Arrays.copyOf(values, size));
  }
}
