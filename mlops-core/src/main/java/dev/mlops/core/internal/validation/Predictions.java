package dev.mlops.core.internal.validation;

import java.util.Arrays;

/**
 * Labels and model outputs, prepared once for every metric: the predicted class (argmax, or
 * {@code p >= 0.5} for a single-column output), the positive-class score of binary classifiers
 * and the row order by that score (sorted once, so AUC on any subset is one pass). Rows are
 * selected by weights: {@code null} means every row once, otherwise row {@code i} counts
 * {@code weights[i]} times (0 or 1 for slices and subsets, multiplicities for bootstrap samples).
 */
public final class Predictions {
  private final double[] labels;
  private final float[][] outputs;
  private final int[] predictedClass;
  private final float[] score;
  private final int[] labelClass;
  private final int classCount;
  private volatile @org.jspecify.annotations.Nullable Sorted sorted;

  /**
   * The rows in ascending score order, with their scores and classes copied into that order so the
   * ranking metrics read sequential memory (the random access per row was their main cost).
   */
  record Sorted(int[] order, float[] scores, boolean[] positive) {}

  private Predictions(double[] labels, float[][] outputs) {
    this.labels = labels;
    this.outputs = outputs;
    int n = labels.length;
    predictedClass = new int[n];
    labelClass = new int[n];
    score = new float[n];
    int maxClass = 0;
    for (int i = 0; i < n; i++) {
      float[] row = outputs[i];
      if (row.length == 1) {
        score[i] = row[0];
        predictedClass[i] = row[0] >= 0.5f ? 1 : 0;
      } else {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
          if (row[k] > row[best]) {
            best = k;
          }
        }
        predictedClass[i] = best;
        score[i] = row[1];
      }
      labelClass[i] = classOf(labels[i]);
      maxClass = Math.max(maxClass, Math.max(predictedClass[i], labelClass[i]));
    }
    classCount = maxClass + 1;
  }

  /**
   * Checks and wraps labels and outputs (not copied).
   *
   * @param labels one label per row (class index for classifiers)
   * @param outputs one output row per label, all finite
   * @return the prepared predictions
   * @throws IllegalArgumentException on different lengths, empty or ragged rows, or NaN outputs
   */
  public static Predictions of(double[] labels, float[][] outputs) {
    if (labels.length != outputs.length) {
      throw new IllegalArgumentException("the model returned " + outputs.length
          + " prediction rows for " + labels.length + " labelled rows; predictions and labels must"
          + " have the same length");
    }
    for (int i = 0; i < outputs.length; i++) {
      float[] row = outputs[i];
      if (row == null || row.length == 0 || row.length != outputs[0].length) {
        throw new IllegalArgumentException("prediction row " + i + " is empty or of another width"
            + " than row 0; the model must return one output row of one width per input row");
      }
      for (float v : row) {
        if (!Float.isFinite(v)) {
          throw new IllegalArgumentException("prediction row " + i + " holds " + v
              + "; the model must return finite numbers (check its inputs for NaN)");
        }
      }
      if (Double.isNaN(labels[i])) {
        throw new IllegalArgumentException("label " + i + " is NaN; drop unlabelled rows first");
      }
    }
    return new Predictions(labels, outputs);
  }

  static int classOf(double label) {
    return (int) Math.round(label);
  }

  /** Returns the number of rows. */
  public int size() {
    return labels.length;
  }

  double label(int i) {
    return labels[i];
  }

  int labelClass(int i) {
    return labelClass[i];
  }

  int predictedClass(int i) {
    return predictedClass[i];
  }

  /** The positive-class score, widened to double so that arithmetic on it is never float (issue 17). */
  double score(int i) {
    return score[i];
  }

  /** An output value, widened to double: {@code 1 - p} in float loses about 1e-8 (issue 17). */
  double output(int i, int column) {
    return outputs[i][column];
  }

  int width() {
    return outputs.length == 0 ? 1 : outputs[0].length;
  }

  /** Returns the number of classes seen in labels or predictions (max index + 1). */
  public int classCount() {
    return classCount;
  }

  /** Returns the rows sorted by ascending positive-class score (computed once). */
  Sorted ascendingByScore() {
    Sorted result = sorted;
    if (result == null) {
      long[] keys = new long[score.length];
      for (int i = 0; i < keys.length; i++) {
        int bits = Float.floatToIntBits(score[i] + 0.0f);
        bits ^= (bits >> 31) & 0x7fffffff; // order-preserving map from float to signed int
        keys[i] = ((long) bits << 32) | i;
      }
      Arrays.sort(keys);
      int[] order = new int[keys.length];
      float[] scores = new float[keys.length];
      boolean[] positive = new boolean[keys.length];
      for (int i = 0; i < keys.length; i++) {
        int row = (int) keys[i];
        order[i] = row;
        scores[i] = score[row];
        positive[i] = labelClass[row] == 1;
      }
      result = new Sorted(order, scores, positive);
      sorted = result;
    }
    return result;
  }

  /** Returns the labels of the selected rows, each repeated by its weight (for user metrics). */
  double[] selectedLabels(int @org.jspecify.annotations.Nullable [] weights) {
    if (weights == null) {
      return labels.clone();
    }
    double[] out = new double[Weights.total(weights)];
    int k = 0;
    for (int i = 0; i < weights.length; i++) {
      for (int w = 0; w < weights[i]; w++) {
        out[k++] = labels[i];
      }
    }
    return out;
  }

  /** Returns copies of the selected output rows, each repeated by its weight (for user metrics). */
  float[][] selectedOutputs(int @org.jspecify.annotations.Nullable [] weights) {
    float[][] out = new float[weights == null ? outputs.length : Weights.total(weights)][];
    int k = 0;
    for (int i = 0; i < outputs.length; i++) {
      int times = weights == null ? 1 : weights[i];
      for (int w = 0; w < times; w++) {
        out[k++] = outputs[i].clone();
      }
    }
    return out;
  }
}
