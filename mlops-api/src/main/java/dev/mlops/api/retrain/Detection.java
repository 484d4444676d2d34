package dev.mlops.api.retrain;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a backtest policy answered one true change: the first retrain after it, before the next
 * change.
 *
 * @param changeAt when the change happened
 * @param retrainAt the first retrain after it, or empty if it was missed
 * @param delay from the change to that retrain, or empty if missed
 */
public record Detection(Instant changeAt, Optional<Instant> retrainAt, Optional<Duration> delay) {
  /**
   * Creates the value.
   *
   * @param changeAt the change
   * @param retrainAt the retrain, or empty
   * @param delay the delay, or empty
   */
  public Detection {
    requireNonNull(changeAt, "changeAt");
    requireNonNull(retrainAt, "retrainAt");
    requireNonNull(delay, "delay");
  }
}
