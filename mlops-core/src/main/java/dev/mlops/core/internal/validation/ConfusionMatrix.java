package dev.mlops.core.internal.validation;

import org.jspecify.annotations.Nullable;

/**
 * Counts of (true class, predicted class), and the metrics read from them. Precision or recall of a
 * class with no predicted (or no true) rows is 0, as scikit-learn's default {@code zero_division}
 * does; macro and weighted averages run over the classes present in labels or predictions.
 */
public final class ConfusionMatrix {
  private final long[][] counts;
  private final long total;

  private ConfusionMatrix(long[][] counts, long total) {
    this.counts = counts;
    this.total = total;
  }

  /**
   * Counts the selected rows.
   *
   * @param p the predictions
   * @param weights the selection, or {@code null} for all rows
   * @return the matrix, {@code classCount x classCount}
   */
  public static ConfusionMatrix of(Predictions p, int @Nullable [] weights) {
    int k = Math.max(2, p.classCount());
    long[][] counts = new long[k][k];
    long total = 0;
    for (int i = 0; i < p.size(); i++) {
      int w = Weights.of(weights, i);
      if (w != 0) {
        int actual = p.labelClass(i);
        if (actual < 0) {
          throw new IllegalArgumentException("label " + i + " is " + p.label(i)
              + "; classifier labels must be class indices 0, 1, ...");
        }
        counts[actual][p.predictedClass(i)] += w;
        total += w;
      }
    }
    return new ConfusionMatrix(counts, total);
  }

  /**
   * Counts each group of rows in one pass.
   *
   * @param p the predictions
   * @param groups each row's group
   * @param count the number of groups
   * @return one matrix per group
   */
  public static ConfusionMatrix[] ofGroups(Predictions p, int[] groups, int count) {
    int k = Math.max(2, p.classCount());
    long[][][] counts = new long[count][k][k];
    long[] totals = new long[count];
    for (int i = 0; i < p.size(); i++) {
      int actual = p.labelClass(i);
      if (actual < 0) {
        throw new IllegalArgumentException("label " + i + " is " + p.label(i)
            + "; classifier labels must be class indices 0, 1, ...");
      }
      counts[groups[i]][actual][p.predictedClass(i)]++;
      totals[groups[i]]++;
    }
    ConfusionMatrix[] matrices = new ConfusionMatrix[count];
    for (int g = 0; g < count; g++) {
      matrices[g] = new ConfusionMatrix(counts[g], totals[g]);
    }
    return matrices;
  }

  /** Returns a copy of the counts, rows = true class, columns = predicted class. */
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int i = 0; i < counts.length; i++) {
      copy[i] = counts[i].clone();
    }
    return copy;
  }

  /** Returns the share of rows predicted right; NaN when empty. */
  public double accuracy() {
    long right = 0;
    for (int c = 0; c < counts.length; c++) {
      right += counts[c][c];
    }
    return total == 0 ? Double.NaN : (double) right / total;
  }

  /** The averaging of per-class precision, recall and F1. */
  public enum Average {
    /** The positive class (1) only. */
    BINARY,
    /** The unweighted mean over present classes. */
    MACRO,
    /** The mean over present classes weighted by their true counts (support). */
    WEIGHTED
  }

  /** The per-class score being averaged. */
  public enum Score {
    /** tp / (tp + fp). */
    PRECISION,
    /** tp / (tp + fn). */
    RECALL,
    /** 2 tp / (2 tp + fp + fn). */
    F1
  }

  /**
   * Returns an averaged per-class score; NaN when no rows are selected.
   *
   * @param score which score
   * @param average how to average
   * @return the value
   */
  public double score(Score score, Average average) {
    if (total == 0) {
      return Double.NaN;
    }
    if (average == Average.BINARY) {
      return classScore(score, 1);
    }
    double sum = 0;
    double weightSum = 0;
    for (int c = 0; c < counts.length; c++) {
      long support = rowSum(c);
      if (support == 0 && columnSum(c) == 0) {
        continue; // absent from labels and predictions
      }
      double weight = average == Average.MACRO ? 1 : support;
      sum += weight * classScore(score, c);
      weightSum += weight;
    }
    return weightSum == 0 ? 0 : sum / weightSum;
  }

  private double classScore(Score score, int c) {
    long tp = counts[c][c];
    long fp = columnSum(c) - tp;
    long fn = rowSum(c) - tp;
    long denominator = switch (score) {
      case PRECISION -> tp + fp;
      case RECALL -> tp + fn;
      case F1 -> 2 * tp + fp + fn;
    };
    long numerator = score == Score.F1 ? 2 * tp : tp;
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }

  private long rowSum(int c) {
    long sum = 0;
    for (long v : counts[c]) {
      sum += v;
    }
    return sum;
  }

  private long columnSum(int c) {
    long sum = 0;
    for (long[] row : counts) {
      sum += row[c];
    }
    return sum;
  }
}
