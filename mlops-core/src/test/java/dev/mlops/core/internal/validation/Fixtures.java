package dev.mlops.core.internal.validation;

import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.Predictor;
import java.util.SplittableRandom;

/** Synthetic labelled data and host-supplied predictors (plain lambdas) for the validator tests. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Binary data: feature 0 is the label plus noise-free signal (x = label), feature 1 the region
   * code 0/1/2 (also given as attribute "region" = A/B/C), feature 2 a value in [0, 100).
   */
  static LabelledData regions(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] features = new float[n][];
    double[] labels = new double[n];
    String[] region = new String[n];
    for (int i = 0; i < n; i++) {
      int label = random.nextInt(2);
      int code = i % 3;
      features[i] = new float[] {label, code, (float) random.nextDouble(100)};
      labels[i] = label;
      region[i] = String.valueOf((char) ('A' + code));
    }
    return LabelledData.of(features, labels).withAttribute("region", region);
  }

  /** Outputs [1 - p, p] where p is the label read back from feature 0: always right. */
  static Predictor perfect() {
    return rows -> map(rows, r -> r[0]);
  }

  /** Right everywhere except region C (code 2), where it answers the opposite. */
  static Predictor poorOnRegionC() {
    return rows -> map(rows, r -> r[1] == 2 ? 1 - r[0] : r[0]);
  }

  /** Right or wrong by a coin flip per row (hash of the row), so subsets disagree. */
  static Predictor coinFlip() {
    return rows -> map(rows, r -> (java.util.Arrays.hashCode(r) & 1) == 0 ? r[0] : 1 - r[0]);
  }

  /** Busy-waits {@code micros} per call before answering like {@link #perfect()}. */
  static Predictor slow(long micros) {
    return rows -> {
      long until = System.nanoTime() + micros * 1000;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      return map(rows, r -> r[0]);
    };
  }

  interface Prob {
    float of(float[] row);
  }

  static float[][] map(float[][] rows, Prob prob) {
    float[][] out = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      float p = prob.of(rows[i]);
      out[i] = new float[] {1 - p, p};
    }
    return out;
  }
}
