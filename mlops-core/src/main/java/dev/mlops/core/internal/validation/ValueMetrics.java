package dev.mlops.core.internal.validation;

import org.jspecify.annotations.Nullable;

/**
 * Metrics that sum a per-row loss: log loss and Brier score of binary classifiers, and the
 * regression errors (the prediction is output column 0). NaN on an empty selection. Outputs are
 * float32 but every operation is in double ({@link Predictions} hands them out as double): the
 * reference values are scikit-learn's on the same float32 values read as float64.
 */
public final class ValueMetrics {
  /** Probabilities are clipped to [EPS, 1 - EPS] before the logarithm (scikit-learn's old default). */
  static final double LOG_LOSS_EPS = 1e-15;
  /** The smallest |y| MAPE divides by, as scikit-learn (machine epsilon). */
  static final double MAPE_EPS = Math.ulp(1.0);

  private ValueMetrics() {}

  /** Mean negative log-likelihood of the true class; classifiers with any number of classes. */
  public static double logLoss(Predictions p, int @Nullable [] weights) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      if (w == 0) {
        continue;
      }
      int actual = p.labelClass(i);
      double prob;
      if (p.width() == 1) {
        prob = actual == 1 ? p.output(i, 0) : 1 - p.output(i, 0);
      } else {
        if (actual < 0 || actual >= p.width()) {
          throw new IllegalArgumentException("label " + i + " is class " + actual + " but the model"
              + " outputs " + p.width() + " class probabilities");
        }
        prob = p.output(i, actual);
      }
      prob = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, prob));
      sum -= w * Math.log(prob);
      n += w;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean squared difference between the positive-class probability and the 0/1 label. */
  public static double brier(Predictions p, int @Nullable [] weights) {
    RankingMetrics.requireBinary(p, "brier");
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      double d = p.score(i) - p.labelClass(i);
      sum += w * d * d;
      n += w;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Mean absolute error. */
  public static double mae(Predictions p, int @Nullable [] weights) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      sum += w * Math.abs(p.label(i) - p.output(i, 0));
      n += w;
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Root mean squared error. */
  public static double rmse(Predictions p, int @Nullable [] weights) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      double d = p.label(i) - p.output(i, 0);
      sum += w * d * d;
      n += w;
    }
    return n == 0 ? Double.NaN : Math.sqrt(sum / n);
  }

  /**
   * Coefficient of determination, 1 - SS_res / SS_tot. With constant labels (SS_tot = 0) it is 1
   * for a perfect fit and 0 otherwise, as scikit-learn's {@code force_finite} default.
   */
  public static double r2(Predictions p, int @Nullable [] weights) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      sum += w * p.label(i);
      n += w;
    }
    if (n == 0) {
      return Double.NaN;
    }
    double mean = sum / n;
    double residual = 0;
    double variation = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      double d = p.label(i) - p.output(i, 0);
      double m = p.label(i) - mean;
      residual += w * d * d;
      variation += w * m * m;
    }
    if (variation == 0) {
      return residual == 0 ? 1 : 0;
    }
    return 1 - residual / variation;
  }

  /** Mean absolute percentage error as a fraction (0.1 = 10 %), dividing by max(|y|, EPS). */
  public static double mape(Predictions p, int @Nullable [] weights) {
    double sum = 0;
    long n = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      double y = p.label(i);
      sum += w * Math.abs(y - p.output(i, 0)) / Math.max(Math.abs(y), MAPE_EPS);
      n += w;
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
