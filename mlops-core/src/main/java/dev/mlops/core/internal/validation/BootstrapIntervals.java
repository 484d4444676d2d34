package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.Interval;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals: each resample draws n rows with replacement (as counts, so no
 * rows are copied) and every metric is computed on the same resamples. Resamples on which a
 * metric is undefined (NaN, such as AUC on a resample without positives) are left out.
 */
final class BootstrapIntervals {
  private BootstrapIntervals() {}

  static Map<String, Interval> compute(Bootstrap settings, Predictions p, List<Metric> metrics) {
    double[][] values = new double[metrics.size()][settings.resamples()];
    SplittableRandom random = new SplittableRandom(settings.seed());
    for (int b = 0; b < settings.resamples(); b++) {
      int[] counts = Weights.bootstrap(p.size(), random);
      for (int m = 0; m < metrics.size(); m++) {
        values[m][b] = metrics.get(m).compute(p, counts);
      }
    }
    Map<String, Interval> intervals = new LinkedHashMap<>();
    double alpha = (1 - settings.confidence()) / 2;
    for (int m = 0; m < metrics.size(); m++) {
      double[] sorted = Percentiles.sortedFinite(values[m]);
      if (sorted.length > 0) {
        intervals.put(metrics.get(m).name(), new Interval(Percentiles.of(sorted, alpha),
            Percentiles.of(sorted, 1 - alpha), settings.confidence()));
      }
    }
    return intervals;
  }
}
