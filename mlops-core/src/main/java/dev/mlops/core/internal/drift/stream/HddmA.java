package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.DetectorState;

/**
 * HDDM_A, the A-test of Frías-Blanco, del Campo-Ávila, Ramos-Jiménez, Morales-Bueno, Ortiz-Díaz
 * and Caballero-Mota, "Online and Non-Parametric Drift Detection Methods Based on Hoeffding's
 * Bounds" (IEEE TKDE 2015). Values in [0, 1]. X̄ is the mean of all n values since the last drift;
 * the cut point Z is the prefix (of cut values) whose Hoeffding upper bound Z̄ + sqrt(ln(1/α_D)/(2·cut))
 * was lowest. An increase is declared when X̄ − Z̄ ≥ sqrt((n − cut)/(2·cut·n) · ln(1/α)): drift at
 * α_D, warning at α_W. Paper's defaults: α_D = 0.001, α_W = 0.005, one-sided (increases, as for
 * error rates); two-sided also watches decreases with the mirrored cut. A drift restarts the
 * statistics.
 */
public final class HddmA extends RestartingDetector {
  private final double logDrift;
  private final double logWarning;
  private final boolean twoSided;
  private long n;
  private double sum;
  private long cutLow;
  private double sumLow;
  private long cutHigh;
  private double sumHigh;

  /**
   * Creates the detector.
   *
   * @param driftConfidence α_D (0.001)
   * @param warningConfidence α_W (0.005)
   * @param twoSided whether decreases count too (false)
   */
  public HddmA(double driftConfidence, double warningConfidence, boolean twoSided) {
    super("hddm-a");
    this.logDrift = Math.log(1 / driftConfidence);
    this.logWarning = Math.log(1 / warningConfidence);
    this.twoSided = twoSided;
    reset();
  }

  @Override
  DetectorState next(double value) {
    n++;
    sum += value;
    double bound = Math.sqrt(logDrift / (2.0 * n));
    double mean = sum / n;
    if (cutLow == 0 || mean + bound < sumLow / cutLow + Math.sqrt(logDrift / (2.0 * cutLow))) {
      cutLow = n;
      sumLow = sum;
    }
    if (cutHigh == 0 || mean - bound > sumHigh / cutHigh - Math.sqrt(logDrift / (2.0 * cutHigh))) {
      cutHigh = n;
      sumHigh = sum;
    }
    double up = cutLow < n ? mean - sumLow / cutLow : 0;
    double down = twoSided && cutHigh < n ? sumHigh / cutHigh - mean : 0;
    double rise = Math.max(up, down);
    long cut = up >= down ? cutLow : cutHigh;
    if (rise <= 0 || cut >= n) {
      return DetectorState.STABLE;
    }
    double scale = (double) (n - cut) / (2.0 * cut * n);
    return rise >= Math.sqrt(scale * logDrift) ? DetectorState.DRIFT
        : rise >= Math.sqrt(scale * logWarning) ? DetectorState.WARNING : DetectorState.STABLE;
  }

  @Override
  void restart() {
    n = 0;
    sum = 0;
    cutLow = 0;
    sumLow = 0;
    cutHigh = 0;
    sumHigh = 0;
  }
}
