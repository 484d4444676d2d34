package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.DetectorState;

/**
 * DDM, the drift detection method of Gama, Medas, Castillo and Rodrigues, "Learning with Drift
 * Detection" (SBIA 2004). Input: a model's error per example, in [0, 1] (1 = wrong). With p the
 * error rate so far and s = sqrt(p(1 − p)/n), it keeps the (p, s) where p + s was smallest; warning
 * when p + s ≥ p_min + w·s_min, drift when p + s ≥ p_min + d·s_min (paper: w = 2, d = 3), after at
 * least 30 examples. A drift starts a new context (the statistics restart).
 */
public final class Ddm extends RestartingDetector {
  private final int minInstances;
  private final double warningLevel;
  private final double driftLevel;
  private long n;
  private double errors;
  private double pMin;
  private double sMin;

  /**
   * Creates the detector.
   *
   * @param minInstances examples before any decision (paper: 30)
   * @param warningLevel w (paper: 2)
   * @param driftLevel d (paper: 3)
   */
  public Ddm(int minInstances, double warningLevel, double driftLevel) {
    super("ddm");
    this.minInstances = minInstances;
    this.warningLevel = warningLevel;
    this.driftLevel = driftLevel;
    reset();
  }

  @Override
  DetectorState next(double value) {
    n++;
    errors += value;
    double p = errors / n;
    double s = Math.sqrt(p * (1 - p) / n);
    if (n < minInstances) {
      return DetectorState.STABLE;
    }
    if (p + s < pMin + sMin) {
      pMin = p;
      sMin = s;
    }
    if (p + s >= pMin + driftLevel * sMin) {
      return DetectorState.DRIFT;
    }
    return p + s >= pMin + warningLevel * sMin ? DetectorState.WARNING : DetectorState.STABLE;
  }

  @Override
  void restart() {
    n = 0;
    errors = 0;
    pMin = Double.MAX_VALUE;
    sMin = Double.MAX_VALUE;
  }
}
