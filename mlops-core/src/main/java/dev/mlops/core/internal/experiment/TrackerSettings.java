package dev.mlops.core.internal.experiment;

import java.time.Duration;

/**
 * Timing of the background writer. The heartbeat timeout is written into each run's document, so
 * a reader judges a run by the timeout its own writer promised.
 *
 * @param flushInterval how often buffered points are written even without {@code flush()}
 * @param heartbeatInterval how often a live run proves it is alive
 * @param heartbeatTimeout how long without a heartbeat before readers mark a run KILLED
 */
public record TrackerSettings(Duration flushInterval, Duration heartbeatInterval,
    Duration heartbeatTimeout) {
  /** One-second flushes, five-second heartbeats, KILLED after 30 seconds of silence. */
  public static final TrackerSettings DEFAULTS = new TrackerSettings(Duration.ofSeconds(1),
      Duration.ofSeconds(5), Duration.ofSeconds(30));

  /**
   * Checks the values.
   *
   * @param flushInterval flush interval, positive
   * @param heartbeatInterval heartbeat interval, positive
   * @param heartbeatTimeout timeout, longer than the heartbeat interval
   */
  public TrackerSettings {
    if (flushInterval.isNegative() || flushInterval.isZero()
        || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("intervals must be positive");
    }
    if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("heartbeatTimeout must be at least twice the heartbeat"
          + " interval, got " + heartbeatTimeout + " for " + heartbeatInterval);
    }
  }
}
