package dev.mlops.core.internal.drift.stream;

import dev.mlops.api.drift.ChangeDetector;
import dev.mlops.api.drift.DetectorState;

/**
 * What DDM, HDDM_A and HDDM_W share: values are error indicators or rates in [0, 1], a NaN is
 * skipped (the state stays), and the value after a drift starts a new context (the statistics
 * restart). Subclasses keep only their statistics.
 *
 * <p>EDDM follows the same rules but keeps its own {@code update}: through this class its
 * per-value cost doubled (about 2 to 4 ns, JMH {@code DetectorUpdateBenchmark}), because most of
 * its values are returned before any arithmetic.
 */
abstract class RestartingDetector implements ChangeDetector {
  private final String name;
  private DetectorState state = DetectorState.STABLE;

  /**
   * Creates the shared part.
   *
   * @param name the detector's name in the message refusing a value outside [0, 1]
   */
  RestartingDetector(String name) {
    this.name = name;
  }

  @Override
  public final DetectorState update(double value) {
    if (Double.isNaN(value)) {
      return state;
    }
    Streams.requireUnit(name, value); // before the restart: a refused value changes nothing
    if (state == DetectorState.DRIFT) {
      restart();
    }
    state = next(value);
    return state;
  }

  /**
   * Folds one value into the statistics.
   *
   * @param value a value in [0, 1]
   * @return the state after it
   */
  abstract DetectorState next(double value);

  /** Clears the statistics, for a new context after a drift and for {@link #reset()}. */
  abstract void restart();

  @Override
  public final DetectorState state() {
    return state;
  }

  @Override
  public final void reset() {
    restart();
    state = DetectorState.STABLE;
  }
}
