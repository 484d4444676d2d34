package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorState;

/**
 * The Page-Hinkley test (E. S. Page, "Continuous inspection schemes", Biometrika 1954), in the
 * online form of Gama et al. for streams: m_T = Σ_{t≤T} (x_t − x̄_t − δ) with x̄_t the mean of the
 * values so far, drift when m_T − min_t m_t > λ (an increase of the mean). Defaults: δ = 0.005,
 * λ = 50, fading factor α = 0.9999 applied to m, decisions after 30 values. With
 * {@code direction = -1} it detects decreases, with 0 both. A drift restarts the statistics.
 * λ and δ are in the units of the data: at the defaults it raises about 35 false alarms per
 * 100,000 values of unit-variance data and detects a one-σ increase in about 34 values; λ = 300
 * gives 0.35 and about 250 (docs/drift.md, measured over 1,000 seeds).
 */
public final class PageHinkley implements ChangeDetector {
  private final int minInstances;
  private final double delta;
  private final double lambda;
  private final double alpha;
  private final boolean up;
  private final boolean down;
  private long n;
  private double mean;
  private double sumUp;
  private double minUp;
  private double sumDown;
  private double maxDown;
  private DetectorState state = DetectorState.STABLE;

  /**
   * Creates the detector.
   *
   * @param minInstances values before any decision (30)
   * @param delta the magnitude of change tolerated (0.005)
   * @param lambda the detection threshold (50)
   * @param alpha the fading factor of the cumulative sum (0.9999)
   * @param direction 1 for increases, -1 for decreases, 0 for both
   */
  public PageHinkley(int minInstances, double delta, double lambda, double alpha, int direction) {
    this.minInstances = minInstances;
    this.delta = delta;
    this.lambda = lambda;
    this.alpha = alpha;
    this.up = direction >= 0;
    this.down = direction <= 0;
    reset();
  }

  @Override
  public DetectorState update(double value) {
    if (Double.isNaN(value)) {
      return state;
    }
    if (state == DetectorState.DRIFT) {
      restart();
    }
    n++;
    mean += (value - mean) / n;
    sumUp = alpha * sumUp + (value - mean - delta);
    minUp = Math.min(minUp, sumUp);
    sumDown = alpha * sumDown + (value - mean + delta);
    maxDown = Math.max(maxDown, sumDown);
    boolean drift = n >= minInstances
        && ((up && sumUp - minUp > lambda) || (down && maxDown - sumDown > lambda));
    state = drift ? DetectorState.DRIFT : DetectorState.STABLE;
    return state;
  }

  @Override
  public DetectorState state() {
    return state;
  }

  @Override
  public void reset() {
    restart();
    state = DetectorState.STABLE;
  }

  private void restart() {
    n = 0;
    mean = 0;
    sumUp = 0;
    minUp = 0;
    sumDown = 0;
    maxDown = 0;
  }
}
