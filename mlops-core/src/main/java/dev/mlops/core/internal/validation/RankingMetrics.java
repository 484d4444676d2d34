package dev.mlops.core.internal.validation;

import org.jspecify.annotations.Nullable;

/**
 * ROC AUC and PR AUC of binary classifiers from one pass over the rows sorted by score (sorted once
 * per prediction set). Rows with equal scores form one threshold: ties count half in ROC AUC (the
 * Mann-Whitney convention) and enter precision-recall together.
 */
public final class RankingMetrics {
  private RankingMetrics() {}

  /**
   * Returns the area under the ROC curve; NaN if the selection lacks positives or negatives.
   *
   * @param p binary predictions (labels 0/1)
   * @param weights the selection
   * @return the AUC
   */
  public static double rocAuc(Predictions p, int @Nullable [] weights) {
    requireBinary(p, "auc");
    int[] order = p.ascendingByScore();
    double area = 0;
    double negativesBelow = 0;
    double positives = 0;
    int i = 0;
    while (i < order.length) {
      float s = p.score(order[i]);
      double pos = 0;
      double neg = 0;
      for (; i < order.length && p.score(order[i]) == s; i++) {
        int row = order[i];
        int w = Weights.of(weights, row);
        if (p.labelClass(row) == 1) {
          pos += w;
        } else {
          neg += w;
        }
      }
      area += pos * (negativesBelow + 0.5 * neg);
      negativesBelow += neg;
      positives += pos;
    }
    return positives == 0 || negativesBelow == 0 ? Double.NaN : area / (positives * negativesBelow);
  }

  /**
   * Returns the area under the precision-recall curve as average precision, the step-wise sum
   * {@code Σ (R_n - R_(n-1)) P_n} over descending score thresholds (no interpolation, as
   * scikit-learn's {@code average_precision_score}); NaN if the selection has no positives.
   *
   * @param p binary predictions (labels 0/1)
   * @param weights the selection
   * @return the average precision
   */
  public static double prAuc(Predictions p, int @Nullable [] weights) {
    requireBinary(p, "pr_auc");
    int[] order = p.ascendingByScore();
    double totalPositives = 0;
    for (int row = 0; row < p.size(); row++) {
      if (p.labelClass(row) == 1) {
        totalPositives += Weights.of(weights, row);
      }
    }
    if (totalPositives == 0) {
      return Double.NaN;
    }
    double tp = 0;
    double fp = 0;
    double previousRecall = 0;
    double ap = 0;
    int i = order.length - 1;
    while (i >= 0) {
      float s = p.score(order[i]);
      for (; i >= 0 && p.score(order[i]) == s; i--) {
        int row = order[i];
        int w = Weights.of(weights, row);
        if (p.labelClass(row) == 1) {
          tp += w;
        } else {
          fp += w;
        }
      }
      if (tp + fp > 0) {
        double recall = tp / totalPositives;
        ap += (recall - previousRecall) * (tp / (tp + fp));
        previousRecall = recall;
      }
    }
    return ap;
  }

  static void requireBinary(Predictions p, String metric) {
    if (p.classCount() > 2 || p.width() > 2) {
      throw new IllegalArgumentException(metric + " is defined for binary classifiers (labels 0/1,"
          + " one probability column or two); got " + Math.max(p.classCount(), p.width())
          + " classes. Use accuracy, f1_macro or f1_weighted for multi-class models");
    }
  }
}
