package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.IntervalMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Bootstrap intervals: each resample draws n rows with replacement (as counts, so no rows are
 * copied) and every metric is computed on the same resamples. Resamples on which a metric is
 * undefined (NaN, such as AUC on a resample without positives) are left out. The interval is read
 * from the resampled values by percentiles or by BCa ({@link Bca}); BCa's acceleration comes from a
 * jackknife: leave-one-out up to {@value #JACKKNIFE_GROUPS} rows, above that leave-one-group-out over
 * {@value #JACKKNIFE_GROUPS} seeded random groups (the skewness of group sums estimates the same
 * acceleration, Efron and Tibshirani 1993 §11.5, at a cost of {@value #JACKKNIFE_GROUPS} metric
 * evaluations whatever n). Where BCa is undefined for a metric the interval is a percentile one
 * and says so in {@link Interval#method()}.
 */
public final class BootstrapIntervals {
  /** Jackknife evaluations at most: leave-one-out below, groups of rows above. */
  static final int JACKKNIFE_GROUPS = 200;

  private BootstrapIntervals() {}

  /**
   * Computes the intervals.
   *
   * @param settings resamples, confidence, seed and method
   * @param p the predictions
   * @param metrics the metrics
   * @return metric name to interval, for the metrics with at least one defined resample
   */
  public static Map<String, Interval> compute(Bootstrap settings, Predictions p, List<Metric> metrics) {
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
      if (sorted.length == 0) {
        continue;
      }
      double[] levels = null;
      if (settings.method() == IntervalMethod.BCA) {
        Metric metric = metrics.get(m);
        levels = Bca.levels(sorted, metric.compute(p, null), jackknife(metric, p, settings.seed()),
            settings.confidence());
      }
      IntervalMethod method = levels == null ? IntervalMethod.PERCENTILE : IntervalMethod.BCA;
      double low = levels == null ? alpha : levels[0];
      double high = levels == null ? 1 - alpha : levels[1];
      intervals.put(metrics.get(m).name(), new Interval(Percentiles.of(sorted, low), Percentiles.of(sorted, high),
          settings.confidence(), method));
    }
    return intervals;
  }

  /** The metric with each row, or each of {@value #JACKKNIFE_GROUPS} random groups, left out. */
  static double[] jackknife(Metric metric, Predictions p, long seed) {
    int n = p.size();
    int groups = Math.min(n, JACKKNIFE_GROUPS);
    int[] group = n <= JACKKNIFE_GROUPS ? identity(n) : Weights.disjointSubsets(n, groups, seed);
    double[] values = new double[groups];
    int[] kept = new int[n];
    for (int g = 0; g < groups; g++) {
      for (int i = 0; i < n; i++) {
        kept[i] = group[i] == g ? 0 : 1;
      }
      values[g] = metric.compute(p, kept);
    }
    return values;
  }

  private static int[] identity(int n) {
    int[] group = new int[n];
    for (int i = 0; i < n; i++) {
      group[i] = i;
    }
    return group;
  }
}
