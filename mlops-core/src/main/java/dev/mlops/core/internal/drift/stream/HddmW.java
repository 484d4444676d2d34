package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.DetectorState;

/**
 * HDDM_W, the W-test of Frías-Blanco et al. (IEEE TKDE 2015): like HDDM_A with exponentially
 * weighted moving averages, X̂_t = λx_t + (1 − λ)X̂_{t−1}, whose Hoeffding-McDiarmid bound uses the
 * sum of squared weights D_t = λ² + (1 − λ)²D_{t−1}: ε = sqrt(D/2 · ln(1/α)). The cut Z is the
 * state of the total average X when X̂ + ε(D_X) was lowest; Ŷ averages the values after the cut.
 * An increase is declared when Ŷ − Ẑ ≥ sqrt((D_Z + D_Y)/2 · ln(1/α)): drift at α_D, warning at α_W.
 * Paper's defaults: α_D = 0.001, α_W = 0.005, λ = 0.05, one-sided. Values in [0, 1].
 */
public final class HddmW extends RestartingDetector {
  private final double logDrift;
  private final double logWarning;
  private final double lambda;
  private final boolean twoSided;
  private final Side increase = new Side();
  private final Side decrease = new Side();
  private double totalMean;
  private double totalWeights;
  private boolean started;

  /**
   * Creates the detector.
   *
   * @param driftConfidence α_D (0.001)
   * @param warningConfidence α_W (0.005)
   * @param lambda λ, the weight of the newest value (0.05)
   * @param twoSided whether decreases count too (false)
   */
  public HddmW(double driftConfidence, double warningConfidence, double lambda, boolean twoSided) {
    super("hddm-w");
    this.logDrift = Math.log(1 / driftConfidence);
    this.logWarning = Math.log(1 / warningConfidence);
    this.lambda = lambda;
    this.twoSided = twoSided;
    reset();
  }

  /** The cut state and the average after it, for one direction. */
  private static final class Side {
    double cutMean;
    double cutWeights;
    boolean hasCut;
    double afterMean;
    double afterWeights;
    boolean hasAfter;

    void clear() {
      hasCut = false;
      hasAfter = false;
      cutMean = 0;
      cutWeights = 0;
      afterMean = 0;
      afterWeights = 0;
    }
  }

  @Override
  DetectorState next(double value) {
    if (!started) {
      totalMean = value;
      totalWeights = 1;
      started = true;
    } else {
      totalMean = lambda * value + (1 - lambda) * totalMean;
      totalWeights = lambda * lambda + (1 - lambda) * (1 - lambda) * totalWeights;
    }
    double bound = Math.sqrt(totalWeights / 2 * logDrift);
    DetectorState up = step(increase, value, 1, bound);
    DetectorState down = twoSided ? step(decrease, value, -1, bound) : DetectorState.STABLE;
    return up.compareTo(down) >= 0 ? up : down;
  }

  private DetectorState step(Side side, double value, int sign, double bound) {
    double candidate = sign * totalMean + bound;
    double current = side.hasCut ? sign * side.cutMean + Math.sqrt(side.cutWeights / 2 * logDrift) : Double.MAX_VALUE;
    if (candidate < current) {
      side.cutMean = totalMean;
      side.cutWeights = totalWeights;
      side.hasCut = true;
      side.hasAfter = false;
      return DetectorState.STABLE;
    }
    if (!side.hasAfter) {
      side.afterMean = value;
      side.afterWeights = 1;
      side.hasAfter = true;
    } else {
      side.afterMean = lambda * value + (1 - lambda) * side.afterMean;
      side.afterWeights = lambda * lambda + (1 - lambda) * (1 - lambda) * side.afterWeights;
    }
    double rise = sign * (side.afterMean - side.cutMean);
    double weights = (side.cutWeights + side.afterWeights) / 2;
    if (rise >= Math.sqrt(weights * logDrift)) {
      return DetectorState.DRIFT;
    }
    return rise >= Math.sqrt(weights * logWarning) ? DetectorState.WARNING : DetectorState.STABLE;
  }

  @Override
  void restart() {
    started = false;
    totalMean = 0;
    totalWeights = 0;
    increase.clear();
    decrease.clear();
  }
}
