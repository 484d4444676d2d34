package dev.mlops.benchmarks.validation;

import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.IntervalMethod;
import dev.mlops.core.internal.validation.BootstrapIntervals;
import dev.mlops.core.internal.validation.BuiltinMetrics;
import dev.mlops.core.internal.validation.Metric;
import dev.mlops.core.internal.validation.Predictions;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the coverage of the bootstrap intervals (percentile and BCa, 95 %, 1,000 resamples) at
 * n = 200 rows: over many seeded data sets, the share of intervals that contain the metric's true
 * value. Classifier: x ~ N(0, 1), P(y = 1 | x) = σ(−1.5 + 2x) (prevalence about 0.27), and the
 * model outputs that probability (calibrated); the true AUC, Brier score and log loss are computed
 * on 4,000,000 rows of the same process (standard error under 3e-4). Regression: y = x + e with
 * e = Exp(1) − 1 (skewed, mean 0, variance 1) and the prediction x, so the true RMSE is 1.
 * docs/validation.md quotes the output. Counts events, so it is a plain program, not JMH.
 *
 * <pre>
 * java -cp mlops-benchmarks/target/benchmarks.jar dev.mlops.benchmarks.validation.BootstrapCoverageMeasurement [datasets]
 * </pre>
 */
public final class BootstrapCoverageMeasurement {
  static final int ROWS = 200;

  private BootstrapCoverageMeasurement() {}

  /**
   * Runs the measurement and prints one line per metric and method.
   *
   * @param args the number of data sets (1,000; seeds 1 to that)
   */
  public static void main(String[] args) {
    int datasets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    List<Metric> classifier = List.of(metric("auc"), metric("brier"), metric("log_loss"));
    Predictions truthData = classifierData(4_000_000, new Random(0));
    double[] truth = new double[4];
    for (int m = 0; m < 3; m++) {
      truth[m] = classifier.get(m).compute(truthData, null);
    }
    truth[3] = 1;
    Metric rmse = metric("rmse");
    int[][] covered = new int[2][4];
    double[][] width = new double[2][4];
    int[][] missedLow = new int[2][4];
    IntervalMethod[] methods = {IntervalMethod.PERCENTILE, IntervalMethod.BCA};
    int[] bcaFallbacks = new int[4];
    for (int seed = 1; seed <= datasets; seed++) {
      Random random = new Random(seed);
      Predictions c = classifierData(ROWS, random);
      Predictions r = regressionData(ROWS, random);
      for (int k = 0; k < 2; k++) {
        Bootstrap settings = new Bootstrap(1_000, 0.95, seed, methods[k]);
        Map<String, Interval> ci = BootstrapIntervals.compute(settings, c, classifier);
        ci.putAll(BootstrapIntervals.compute(settings, r, List.of(rmse)));
        String[] names = {"auc", "brier", "log_loss", "rmse"};
        for (int m = 0; m < 4; m++) {
          Interval interval = ci.get(names[m]);
          covered[k][m] += interval.lower() <= truth[m] && truth[m] <= interval.upper() ? 1 : 0;
          missedLow[k][m] += truth[m] > interval.upper() ? 1 : 0;
          width[k][m] += interval.upper() - interval.lower();
          if (methods[k] == IntervalMethod.BCA && interval.method() != IntervalMethod.BCA) {
            bcaFallbacks[m]++;
          }
        }
      }
    }
    String[] names = {"auc", "brier", "log_loss", "rmse"};
    double se = Math.sqrt(0.95 * 0.05 / datasets);
    System.out.printf("n = %d, %d data sets, 1,000 resamples, nominal 0.95 (standard error of a coverage near"
        + " 0.95: %.4f)%n", ROWS, datasets, se);
    for (int m = 0; m < 4; m++) {
      for (int k = 0; k < 2; k++) {
        System.out.printf("  %-8s true %.5f  %-10s coverage %.3f  (true above the interval %.3f, below %.3f)"
            + "  mean width %.4f%s%n", names[m], truth[m], methods[k], covered[k][m] / (double) datasets,
            missedLow[k][m] / (double) datasets,
            (datasets - covered[k][m] - missedLow[k][m]) / (double) datasets, width[k][m] / datasets,
            k == 1 ? "  fell back to percentile: " + bcaFallbacks[m] : "");
      }
    }
  }

  private static Metric metric(String name) {
    return BuiltinMetrics.find(name).orElseThrow();
  }

  static Predictions classifierData(int n, Random random) {
    double[] labels = new double[n];
    float[][] outputs = new float[n][];
    for (int i = 0; i < n; i++) {
      double p = 1 / (1 + Math.exp(-(-1.5 + 2 * random.nextGaussian())));
      labels[i] = random.nextDouble() < p ? 1 : 0;
      outputs[i] = new float[] {(float) p};
    }
    return Predictions.of(labels, outputs);
  }

  static Predictions regressionData(int n, Random random) {
    double[] labels = new double[n];
    float[][] outputs = new float[n][];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      labels[i] = x - Math.log(1 - random.nextDouble()) - 1;
      outputs[i] = new float[] {(float) x};
    }
    return Predictions.of(labels, outputs);
  }
}
