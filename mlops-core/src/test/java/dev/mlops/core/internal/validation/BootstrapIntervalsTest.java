package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.validation.Bootstrap;
import dev.mlops.api.validation.Interval;
import dev.mlops.api.validation.IntervalMethod;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * BCa intervals (issue 17): the formula against an independent computation, the jackknife
 * acceleration of a mean-type metric against its closed form, the fallback to percentiles, and a
 * small coverage check. The coverage itself is measured at n = 200 over 2,000 data sets by
 * {@code BootstrapCoverageMeasurement} in mlops-benchmarks (docs/validation.md).
 */
class BootstrapIntervalsTest {

  @Test
  void bcaLevelsAndBoundsMatchAnIndependentComputation() {
    // Reference: Python 3.11, statistics.NormalDist().cdf / inv_cdf, the formula of Efron and
    // Tibshirani (1993) §14.3 and numpy's linear percentile, written out by hand:
    // replicates (b/999)^2, b = 0..999; estimate 0.3; jackknife values below.
    double[] replicates = new double[1000];
    for (int b = 0; b < 1000; b++) {
      replicates[b] = (b / 999.0) * (b / 999.0);
    }
    double[] jackknife = {0.31, 0.29, 0.30, 0.35, 0.28, 0.30, 0.45, 0.29};
    assertEquals(-0.10185765206772071, Bca.acceleration(jackknife), 1e-15);
    double[] levels = Bca.levels(replicates, 0.3, jackknife, 0.95);
    assertEquals(0.01606462321332347, levels[0], 1e-12);
    assertEquals(0.9669219875739836, levels[1], 1e-12);
    assertEquals(0.00025811841217958186, Percentiles.of(replicates, levels[0]), 1e-12);
    assertEquals(0.9349381730552945, Percentiles.of(replicates, levels[1]), 1e-12);
  }

  @Test
  void withoutBiasAndSkewnessBcaIsThePercentileInterval() {
    // z0 = 0 (half the replicates below the estimate) and a = 0 (symmetric jackknife): the levels
    // are exactly α/2 and 1 − α/2.
    double[] replicates = {1, 2, 3, 4};
    double[] levels = Bca.levels(replicates, 2.5, new double[] {1, 2, 3}, 0.9);
    assertEquals(0.05, levels[0], 1e-12);
    assertEquals(0.95, levels[1], 1e-12);
    assertNull(Bca.levels(replicates, 0.5, new double[] {1, 2, 3}, 0.9), "every replicate above the estimate");
  }

  @Test
  void theJackknifeAccelerationOfBrierIsTheClosedFormForAMean() {
    // Brier is the mean of e_i = (p_i − y_i)²; for a mean the leave-one-out deviations are
    // (e_i − ē)/(n − 1), so a = Σ(e_i − ē)³ / (6 (Σ(e_i − ē)²)^{3/2}) (Efron and Tibshirani 1993,
    // eq. 14.15), computed here straight from the rows.
    Random random = new Random(3);
    int n = 150;
    double[] labels = new double[n];
    float[][] outputs = new float[n][];
    double[] errors = new double[n];
    for (int i = 0; i < n; i++) {
      float p = random.nextFloat();
      labels[i] = random.nextDouble() < p * p ? 1 : 0;
      outputs[i] = new float[] {p};
      errors[i] = ((double) p - labels[i]) * ((double) p - labels[i]);
    }
    double mean = 0;
    for (double e : errors) {
      mean += e / n;
    }
    double squares = 0;
    double cubes = 0;
    for (double e : errors) {
      squares += (e - mean) * (e - mean);
      cubes += (e - mean) * (e - mean) * (e - mean);
    }
    Predictions predictions = Predictions.of(labels, outputs);
    double[] jackknife = BootstrapIntervals.jackknife(BuiltinMetrics.find("brier").orElseThrow(), predictions, 1);
    assertEquals(cubes / (6 * Math.pow(squares, 1.5)), Bca.acceleration(jackknife), 1e-12);
  }

  @Test
  void aMetricWithoutABiasCorrectionGetsAPercentileIntervalThatSaysSo() {
    // Every resample is above the full-sample value, so z0 = Φ⁻¹(0) is undefined.
    Metric odd = new Metric() {
      @Override
      public String name() {
        return "odd";
      }

      @Override
      public boolean higherIsBetter() {
        return true;
      }

      @Override
      public String unit() {
        return "";
      }

      @Override
      public double compute(Predictions p, int @Nullable [] weights) {
        return weights == null ? 0 : 1 + weights[0];
      }
    };
    Predictions p = Predictions.of(new double[] {0, 1, 1}, new float[][] {{0.2f}, {0.6f}, {0.9f}});
    Interval interval = BootstrapIntervals.compute(new Bootstrap(50, 0.95, 1), p, List.of(odd)).get("odd");
    assertEquals(IntervalMethod.PERCENTILE, interval.method());
    Interval asked = BootstrapIntervals.compute(new Bootstrap(50, 0.95, 1, IntervalMethod.PERCENTILE), p,
        List.of(BuiltinMetrics.find("brier").orElseThrow())).get("brier");
    assertEquals(IntervalMethod.PERCENTILE, asked.method());
    Interval bca = BootstrapIntervals.compute(Bootstrap.ofDefaults(), p,
        List.of(BuiltinMetrics.find("brier").orElseThrow())).get("brier");
    assertEquals(IntervalMethod.BCA, bca.method());
  }

  @Test
  void bcaCoversASkewedRmseAtLeastAsOftenAsThePercentileInterval() {
    // A fast sanity check of the measurement (BootstrapCoverageMeasurement): y = x + Exp(1) − 1,
    // prediction x, so the true RMSE is 1; n = 200, 150 data sets, 400 resamples.
    Metric rmse = BuiltinMetrics.find("rmse").orElseThrow();
    int percentile = 0;
    int bca = 0;
    int datasets = 150;
    for (int seed = 1; seed <= datasets; seed++) {
      Random random = new Random(seed);
      double[] labels = new double[200];
      float[][] outputs = new float[200][];
      for (int i = 0; i < 200; i++) {
        double x = random.nextGaussian();
        labels[i] = x - Math.log(1 - random.nextDouble()) - 1;
        outputs[i] = new float[] {(float) x};
      }
      Predictions p = Predictions.of(labels, outputs);
      Interval a = BootstrapIntervals.compute(new Bootstrap(400, 0.95, seed, IntervalMethod.PERCENTILE), p,
          List.of(rmse)).get("rmse");
      Interval b = BootstrapIntervals.compute(new Bootstrap(400, 0.95, seed), p, List.of(rmse)).get("rmse");
      percentile += a.lower() <= 1 && 1 <= a.upper() ? 1 : 0;
      bca += b.lower() <= 1 && 1 <= b.upper() ? 1 : 0;
    }
    assertTrue(bca >= percentile, "BCa covered " + bca + ", percentile " + percentile + " of " + datasets);
  }
}
