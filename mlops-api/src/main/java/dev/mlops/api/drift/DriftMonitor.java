package dev.mlops.api.drift;

import java.util.Optional;

/**
 * Watches live values for drift inside a service: request threads call {@link #observe}; each
 * closed window is compared with the reference profile on the SDK's executor, and the result goes
 * to the listeners and to Micrometer ({@code mlops.drift.score}, {@code mlops.drift.detected},
 * {@code mlops.drift.share}). Thread-safe; {@link #observe} is lock-free, never blocks and does not
 * allocate; memory is a fixed ring of values whatever the traffic.
 */
public interface DriftMonitor extends AutoCloseable {
  /**
   * Records one row: a value per configured column, in {@link DriftMonitorConfig#columns()} order
   * (NaN for a missing value). Rows beyond what the background comparison can keep up with are
   * dropped whole windows at a time and counted in {@code mlops.drift.windows.dropped}.
   *
   * @param row the values, not retained
   * @throws IllegalArgumentException if the row's length is not the number of columns
   */
  void observe(double[] row);

  /**
   * Closes the current window now and compares it, waiting for the result (for time windows at
   * shutdown, and for tests). Not for the request path.
   *
   * @return the window, or empty if it held no observation
   */
  Optional<DriftWindow> closeWindow();

  /**
   * Returns the latest evaluated window.
   *
   * @return it, or empty before the first
   */
  Optional<DriftWindow> lastWindow();

  /** Stops the monitor and removes its meters; observations after it are ignored. Idempotent. */
  @Override
  void close();
}
