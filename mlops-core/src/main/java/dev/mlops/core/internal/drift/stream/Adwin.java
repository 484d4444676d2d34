package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorState;

/**
 * ADWIN (ADaptive WINdowing), Bifet and Gavaldà, "Learning from Time-Changing Data with Adaptive
 * Windowing" (SDM 2007), in its ADWIN2 form: the window is an exponential histogram of buckets
 * (row i holds buckets of 2^i values, at most M per row, the two oldest merged when a row
 * overflows), each with its count, sum and sum of squared deviations. Every {@code clock} values
 * it checks every split W = W0·W1 at a bucket boundary and drops the oldest buckets while some split
 * has |μ0 − μ1| ≥ ε_cut, with the paper's variance-based bound
 * ε_cut = sqrt((2/m)·σ²_W·ln(2/δ')) + (2/(3m))·ln(2/δ'), m = 1/(1/n0 + 1/n1), δ' = δ/n.
 * Defaults: δ = 0.002 (the paper's), M = 5, clock = 32 (checking every value changes only the
 * delay, by less than 32 values). A cut reports DRIFT; ADWIN has no warning state. Memory: the
 * bucket arrays are allocated once (64 rows), nothing is allocated per value.
 */
public final class Adwin implements ChangeDetector {
  private static final int ROWS = 64;

  private final double delta;
  private final int maxBuckets;
  private final int clock;
  private final double[][] sums;
  private final double[][] variances;
  private final int[] rowSize;
  private int rows;
  private long width;
  private double total;
  private double variance;
  private long sinceCheck;
  private DetectorState state = DetectorState.STABLE;

  /**
   * Creates the detector.
   *
   * @param delta confidence δ (0.002)
   * @param maxBuckets M, buckets per row (5)
   * @param clock values between checks for a cut (32)
   */
  public Adwin(double delta, int maxBuckets, int clock) {
    this.delta = delta;
    this.maxBuckets = maxBuckets;
    this.clock = clock;
    this.sums = new double[ROWS][maxBuckets + 1];
    this.variances = new double[ROWS][maxBuckets + 1];
    this.rowSize = new int[ROWS];
  }

  /** The current window's length. */
  public long width() {
    return width;
  }

  /** The current window's mean. */
  public double mean() {
    return width == 0 ? 0 : total / width;
  }

  @Override
  public DetectorState update(double value) {
    if (Double.isNaN(value)) {
      return state;
    }
    insert(value);
    state = DetectorState.STABLE;
    if (++sinceCheck >= clock) {
      sinceCheck = 0;
      if (shrink()) {
        state = DetectorState.DRIFT;
      }
    }
    return state;
  }

  private void insert(double value) {
    if (width > 0) {
      double mean = total / width;
      variance += (double) width * (value - mean) * (value - mean) / (width + 1);
    }
    width++;
    total += value;
    addToRow(0, value, 0);
    for (int row = 0; row < rows && rowSize[row] > maxBuckets; row++) {
      // Merge the two oldest buckets (the last two) of this row into the next row.
      int last = rowSize[row] - 1;
      double size = Math.scalb(1.0, row);
      double s1 = sums[row][last];
      double s2 = sums[row][last - 1];
      double diff = s1 / size - s2 / size;
      double merged = variances[row][last] + variances[row][last - 1] + size * size * diff * diff / (2 * size);
      rowSize[row] -= 2;
      addToRow(row + 1, s1 + s2, merged);
    }
  }

  /** Puts a bucket at the front (newest end) of a row. */
  private void addToRow(int row, double sum, double var) {
    if (row == rows) {
      rows++;
    }
    System.arraycopy(sums[row], 0, sums[row], 1, rowSize[row]);
    System.arraycopy(variances[row], 0, variances[row], 1, rowSize[row]);
    sums[row][0] = sum;
    variances[row][0] = var;
    rowSize[row]++;
  }

  /** Drops oldest buckets while a split shows different means; returns whether any was dropped. */
  private boolean shrink() {
    boolean cut = false;
    while (width > 1 && hasCut()) {
      dropOldest();
      cut = true;
    }
    return cut;
  }

  private boolean hasCut() {
    double n = width;
    double sigma2 = variance / n;
    double logTerm = Math.log(2 * n / delta);
    long n0 = 0;
    double sum0 = 0;
    // Walk from the oldest bucket (last of the highest row) to the newest.
    for (int row = rows - 1; row >= 0; row--) {
      long size = 1L << row;
      for (int b = rowSize[row] - 1; b >= 0; b--) {
        n0 += size;
        sum0 += sums[row][b];
        long n1 = width - n0;
        if (n1 <= 0) {
          return false;
        }
        double m = 1.0 / (1.0 / n0 + 1.0 / n1);
        double epsilon = Math.sqrt(2 / m * sigma2 * logTerm) + 2 / (3 * m) * logTerm;
        if (Math.abs(sum0 / n0 - (total - sum0) / n1) >= epsilon) {
          return true;
        }
      }
    }
    return false;
  }

  private void dropOldest() {
    int row = rows - 1;
    int b = rowSize[row] - 1;
    double size = Math.scalb(1.0, row);
    double bucketMean = sums[row][b] / size;
    long remaining = width - (long) size;
    double remainingMean = (total - sums[row][b]) / remaining;
    variance -= variances[row][b] + size * remaining / width * (bucketMean - remainingMean) * (bucketMean - remainingMean);
    variance = Math.max(0, variance);
    total -= sums[row][b];
    width = remaining;
    rowSize[row]--;
    while (rows > 0 && rowSize[rows - 1] == 0) {
      rows--;
    }
  }

  @Override
  public DetectorState state() {
    return state;
  }

  @Override
  public void reset() {
    for (int row = 0; row < rows; row++) {
      rowSize[row] = 0;
    }
    rows = 0;
    width = 0;
    total = 0;
    variance = 0;
    sinceCheck = 0;
    state = DetectorState.STABLE;
  }
}
