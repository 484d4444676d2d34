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
    Predictions.Sorted sorted = p.ascendingByScore();
    int[] order = sorted.order();
    float[] scores = sorted.scores();
    boolean[] positive = sorted.positive();
    double area = 0;
    double negativesBelow = 0;
    double positives = 0;
    int i = 0;
    while (i < order.length) {
      float s = scores[i];
      double pos = 0;
      double neg = 0;
      for (; i < order.length && scores[i] == s; i++) {
        int w = weights == null ? 1 : weights[order[i]];
        if (positive[i]) {
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
   * Returns the ROC AUC of each group of rows in one pass over the sorted rows (the per-row random
   * read of the group is paid once, not once per group).
   *
   * @param p binary predictions (labels 0/1)
   * @param groups each row's group
   * @param count the number of groups
   * @return the AUC per group, NaN where a group lacks positives or negatives
   */
  public static double[] rocAucByGroup(Predictions p, int[] groups, int count) {
    requireBinary(p, "auc");
    Predictions.Sorted sorted = p.ascendingByScore();
    int[] order = sorted.order();
    float[] scores = sorted.scores();
    boolean[] positive = sorted.positive();
    double[] area = new double[count];
    double[] negativesBelow = new double[count];
    double[] positives = new double[count];
    double[] pos = new double[count];
    double[] neg = new double[count];
    int[] touched = new int[count];
    int i = 0;
    while (i < order.length) {
      float s = scores[i];
      int touchedCount = 0;
      for (; i < order.length && scores[i] == s; i++) {
        int g = groups[order[i]];
        if (pos[g] == 0 && neg[g] == 0) {
          touched[touchedCount++] = g;
        }
        if (positive[i]) {
          pos[g]++;
        } else {
          neg[g]++;
        }
      }
      for (int t = 0; t < touchedCount; t++) {
        int g = touched[t];
        area[g] += pos[g] * (negativesBelow[g] + 0.5 * neg[g]);
        negativesBelow[g] += neg[g];
        positives[g] += pos[g];
        pos[g] = 0;
        neg[g] = 0;
      }
    }
    double[] auc = new double[count];
    for (int g = 0; g < count; g++) {
      auc[g] = positives[g] == 0 || negativesBelow[g] == 0 ? Double.NaN
          : area[g] / (positives[g] * negativesBelow[g]);
    }
    return auc;
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
    Predictions.Sorted sorted = p.ascendingByScore();
    int[] order = sorted.order();
    float[] scores = sorted.scores();
    boolean[] positive = sorted.positive();
    double totalPositives = 0;
    for (int i = 0; i < order.length; i++) {
      if (positive[i]) {
        totalPositives += weights == null ? 1 : weights[order[i]];
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
      float s = scores[i];
      for (; i >= 0 && scores[i] == s; i--) {
        int w = weights == null ? 1 : weights[order[i]];
        if (positive[i]) {
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
